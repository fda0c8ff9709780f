/** One schema change. The list is append-only: once shipped, an entry never changes. */
export type Migration = { id: number; name: string; sql: string };

/**
 * Applies the migrations not yet recorded, in order, each with its record in one transaction
 * (Durable Object SQL runs a synchronous block atomically). Refuses a history that was rewritten.
 */
export function migrate(sql: SqlStorage, migrations: readonly Migration[]): void {
  sql.exec(
    "CREATE TABLE IF NOT EXISTS _migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
  );
  const applied = new Map<number, string>();
  for (const row of sql.exec<{ id: number; name: string }>("SELECT id, name FROM _migrations")) {
    applied.set(row.id, row.name);
  }
  migrations.forEach((m, index) => {
    if (m.id !== index + 1) throw new Error(`migration ${m.name}: ids must run 1, 2, 3…`);
    const name = applied.get(m.id);
    if (name !== undefined) {
      if (name !== m.name) throw new Error(`migration ${m.id} was ${name}, now ${m.name}`);
      return;
    }
    sql.exec(m.sql);
    sql.exec(
      "INSERT INTO _migrations (id, name, applied_at) VALUES (?, ?, ?)",
      m.id,
      m.name,
      Date.now(),
    );
  });
}
