import type { RoomEvent } from "../../protocol/index";

/**
 * The room's changes other than new messages (edit, delete, reaction, topic, rename), table
 * `events`, kept for gap-free catch-up. The only code that touches the table.
 */
export class EventLog {
  constructor(private readonly sql: SqlStorage) {}

  /** Highest stored event seq; null when there is none. */
  maxSeq(): number | null {
    return this.sql.exec<{ m: number | null }>("SELECT max(seq) AS m FROM events").one().m;
  }

  /** `target`: the message the event is about, so a delete can scrub its edits' text. */
  append(event: RoomEvent, now: number, target: number | null): void {
    this.sql.exec(
      "INSERT INTO events (seq, body, created_at, target) VALUES (?, ?, ?, ?)",
      event.seq,
      JSON.stringify(event),
      now,
      target,
    );
  }

  /** Up to `limit` events after `since`, in seq order. */
  since(since: number, limit: number): RoomEvent[] {
    return this.sql
      .exec<{ body: string }>(
        "SELECT body FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
        since,
        limit,
      )
      .toArray()
      .map((r) => JSON.parse(r.body) as RoomEvent);
  }

  /** A deleted message's earlier edits must not replay its text. */
  scrubEdits(target: number): void {
    this.sql.exec(
      `UPDATE events SET body = json_set(body, '$.text', '')
       WHERE target = ? AND json_extract(body, '$.type') = 'edit'`,
      target,
    );
  }

  deleteThrough(seq: number): void {
    this.sql.exec("DELETE FROM events WHERE seq <= ?", seq);
  }
}
