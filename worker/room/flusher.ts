/** A busy room gathers events for at most this long before it sends them. */
export const TICK_MS = 4;

/**
 * When the room sends what it gathered (room/outbox.ts) and commits the sends it queued.
 *
 * A quiet room flushes at once: at the end of the event that produced something (a microtask),
 * so a lone message costs no wait. When events come faster than one per tick, the next flush is
 * due one tick after the previous one, on a short timer: everything that arrives meanwhile goes
 * out together, and its inserts share one commit. The timer only exists while something is
 * pending, so an idle room still hibernates.
 *
 * A runtime busy with a stream of incoming frames may run its timers late, or not at all while
 * the stream lasts; so an event that finds the flush overdue flushes at its own end instead.
 *
 * Group commit follows the disk, not the clock: the runtime holds every frame the room sends
 * until the writes before it are durable (the output gate), and commits run one after another.
 * Flushing while the previous flush's commit is still in flight only queues one more commit
 * behind it, and while a commit runs the runtime delivers no new frames to the object. So after
 * a flush that wrote, the room hands the flusher the promise of that commit (`after`); until it
 * settles, flushes wait and everything that arrives meanwhile goes into the next one. A slow
 * disk then means bigger commits, not a longer queue of small ones.
 *
 * `run` gets how late the flush ran behind its due time: the room's measure of how far it is
 * behind, its thread or its disk (room/send-budget.ts).
 */
export class Flusher {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private due = 0;
  private queued = false;
  private lastEventAt = Number.NEGATIVE_INFINITY;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  /** The last flush's commit, while it is in flight. */
  private committing: Promise<void> | null = null;
  /** A flush came due while a commit was in flight: its due time, to run when it lands. */
  private waitingSince: number | null = null;

  constructor(
    private readonly run: (lateMs: number) => void,
    /** A commit handed to `after` landed, `ms` after the flush that wrote it. */
    private readonly landedAfter: (ms: number) => void = () => {},
  ) {}

  /** Something is waiting to go out. */
  kick(now = Date.now()): void {
    const busy = now - this.lastEventAt < TICK_MS || now - this.lastFlushAt < TICK_MS;
    this.lastEventAt = now;
    if (this.queued || this.waitingSince !== null) return;
    if (this.timer !== null) {
      if (now < this.due) return;
      // Overdue: the timer waits behind the frames still arriving. Flush after this event.
      clearTimeout(this.timer);
      this.timer = null;
      this.queueFlush(this.due);
      return;
    }
    if (!busy) {
      this.queueFlush(now);
      return;
    }
    const due = Math.max(now, this.lastFlushAt + TICK_MS);
    this.due = due;
    this.timer = setTimeout(() => this.fire(due), due - now);
  }

  /** Flushes now whatever is pending (before a welcome, so nothing gathered overtakes it). */
  now(): void {
    if (this.timer !== null || this.queued || this.waitingSince !== null) this.flush(Date.now());
  }

  /** The flush that just ran wrote: the next one waits until `durable` settles. */
  after(durable: Promise<void>): void {
    const start = Date.now();
    const commit: Promise<void> = durable.then(
      () => this.landed(commit, start),
      () => this.landed(commit, start),
    );
    this.committing = commit;
  }

  private landed(commit: Promise<void>, start: number): void {
    this.landedAfter(Date.now() - start);
    if (this.committing !== commit) return;
    this.committing = null;
    const due = this.waitingSince;
    if (due === null) return;
    // Frames held back while the commit ran come in now: flush once they are in, a tick later,
    // not before them (a commit at once would hold them back again).
    this.timer = setTimeout(() => this.flush(due), TICK_MS);
  }

  private queueFlush(due: number): void {
    this.queued = true;
    queueMicrotask(() => {
      if (this.queued) this.fire(due);
    });
  }

  private fire(due: number): void {
    if (this.committing !== null) {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
      this.queued = false;
      this.waitingSince = Math.min(this.waitingSince ?? due, due);
      return;
    }
    this.flush(due);
  }

  private flush(due: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.queued = false;
    this.waitingSince = null;
    const now = Date.now();
    this.lastFlushAt = now;
    this.run(Math.max(0, now - due));
  }
}
