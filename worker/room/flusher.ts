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
 * `run` gets how late the flush ran behind its due time: the room's measure of how far its
 * thread is behind (room/send-budget.ts).
 */
export class Flusher {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private due = 0;
  private queued = false;
  private lastEventAt = Number.NEGATIVE_INFINITY;
  private lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly run: (lateMs: number) => void) {}

  /** Something is waiting to go out. */
  kick(now = Date.now()): void {
    const busy = now - this.lastEventAt < TICK_MS || now - this.lastFlushAt < TICK_MS;
    this.lastEventAt = now;
    if (this.queued) return;
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
    if (this.timer !== null || this.queued) this.fire(Date.now());
  }

  private queueFlush(due: number): void {
    this.queued = true;
    queueMicrotask(() => {
      if (this.queued) this.fire(due);
    });
  }

  private fire(due: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.queued = false;
    const now = Date.now();
    this.lastFlushAt = now;
    this.run(Math.max(0, now - due));
  }
}
