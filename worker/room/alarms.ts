import type { BlockTimer } from "./blocks";

/** What a job does when it comes due; `now` is the time the alarm ran. */
type AlarmJob = (now: number) => void | Promise<void>;

/** A job that throws is retried this much later, instead of failing the whole alarm. */
const RETRY_MS = 10_000;

/**
 * Named jobs sharing the object's one alarm.
 *
 * A Durable Object has a single alarm, so every scheduled chore (stale-socket sweep, retention
 * prune, search indexing, reporting activity to the lobby…) registers a job by name in the
 * constructor and asks for it with `schedule(name, at)`. The due times live in the `alarm_jobs`
 * table (they survive eviction); the object's alarm is always set to the earliest of them, and
 * `alarm()` calls `run()`, which runs every job that is due, in due order.
 *
 * - `schedule(name, at)` keeps the EARLIER time when the job is already pending, so calling it on
 *   every event is a cheap debounce ("run at most this late"): nothing is written unless the due
 *   time moves earlier. A job that wants to repeat schedules itself again when it runs.
 * - `cancel(name)` drops a pending job.
 * - Jobs run one after another; a job that throws is logged and retried RETRY_MS later.
 *
 * Adding a job, e.g. reporting activity to the lobby at most every 10 s:
 *   in the constructor's job list   `lobby: () => this.reportToLobby(),`
 *   where activity happens          `this.alarms.schedule("lobby", now + 10_000);`
 */
export class RoomAlarms {
  /** Pending jobs by name: a mirror of `alarm_jobs`, so schedule() usually writes nothing. */
  private readonly due = new Map<string, number>();
  /** The time the object's alarm is set to; undefined when not known, so the next arm() writes. */
  private armedAt: number | null | undefined;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly jobs: Readonly<Record<string, AlarmJob>>,
    /** Records how long each job's synchronous part took (room/blocks.ts). */
    private readonly timer?: BlockTimer,
  ) {}

  /** Reads the pending jobs; call once, after migrations, inside blockConcurrencyWhile. */
  async load(): Promise<void> {
    for (const row of this.storage.sql.exec<{ name: string; due_at: number }>(
      "SELECT name, due_at FROM alarm_jobs",
    )) {
      this.due.set(row.name, row.due_at);
    }
    this.armedAt = await this.storage.getAlarm();
    this.arm();
  }

  schedule(name: string, at: number): void {
    if (!(name in this.jobs)) throw new Error(`No alarm job named ${name}`);
    const current = this.due.get(name);
    if (current !== undefined && current <= at) return;
    this.due.set(name, at);
    this.storage.sql.exec(
      "INSERT INTO alarm_jobs (name, due_at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET due_at = excluded.due_at",
      name,
      at,
    );
    this.arm();
  }

  cancel(name: string): void {
    if (!this.due.delete(name)) return;
    this.storage.sql.exec("DELETE FROM alarm_jobs WHERE name = ?", name);
    this.arm();
  }

  /** When `name` is due, or null when it is not scheduled. */
  dueAt(name: string): number | null {
    return this.due.get(name) ?? null;
  }

  /** Runs every due job; call from the object's `alarm()`. */
  async run(now = Date.now()): Promise<void> {
    this.armedAt = undefined; // the alarm that called us has fired, or we were called directly
    const ready = [...this.due].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1]);
    for (const [name] of ready) {
      // Removed before running, so a job may schedule itself again.
      this.due.delete(name);
      this.storage.sql.exec("DELETE FROM alarm_jobs WHERE name = ?", name);
      try {
        const job = this.jobs[name];
        if (!job) continue;
        await (this.timer ? this.timer.time(`alarm:${name}`, () => job(now)) : job(now));
      } catch (err) {
        console.error(JSON.stringify({ level: "error", job: name, error: String(err) }));
        this.schedule(name, now + RETRY_MS);
      }
    }
    this.arm();
  }

  /** Points the object's alarm at the earliest pending job (or clears it). */
  private arm(): void {
    let earliest: number | null = null;
    for (const at of this.due.values()) if (earliest === null || at < earliest) earliest = at;
    if (earliest === this.armedAt) return;
    this.armedAt = earliest;
    if (earliest === null) void this.storage.deleteAlarm();
    else void this.storage.setAlarm(earliest);
  }
}
