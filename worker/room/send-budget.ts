/** The budget never falls below this many messages per second (a room always trickles). */
export const MIN_SENDS_PER_SECOND = 20;
/** The default ceiling of the budget, in messages per second (ROOM_SEND_BUDGET overrides it). */
export const MAX_SENDS_PER_SECOND = 2000;
/**
 * Deliveries (one message to one socket) per second the budget never plans beyond, however
 * on time the flushes run: flush lateness cannot see a queue that builds after the room, in
 * the runtime's socket buffers, so a room of many sockets is also held to this. Batch frames
 * make a delivery cost bytes more than frames, so this is high: 1,000 msg/s in a room of 60.
 */
export const MAX_DELIVERIES_PER_SECOND = 60_000;
/** A flush that runs this late, or a commit that takes this long, means the room is behind. */
export const LATE_MS = 80;
/** Under this lateness the room keeps up, and the budget may grow again. */
const ON_TIME_MS = 30;
/** The budget changes at most this often, so one slow flush does not swing it. */
const ADJUST_EVERY_MS = 100;
/** Weight of the newest flush in the smoothed lateness. */
const SMOOTHING = 0.25;
/** The burst is this many seconds of the current rate. */
const BURST_SECONDS = 0.25;

/**
 * The whole room's send budget (messages per second, over all senders), following what the room
 * actually sustains instead of a fixed number that is right for one machine only.
 *
 * The signal is how late the room's flushes run and how long their commits take (room/flusher.ts):
 * a flush is due a few ms after the first event it carries; when the object's thread has more work
 * queued than it can do, every flush runs late, by about the length of that queue; and a commit
 * takes longer when the runtime is behind on storage or on the frames held until it lands. A
 * room that keeps running late (smoothed
 * over a few) cut the budget to 70 % of what the room accepted over the last interval
 * (multiplicative decrease); on-time flushes raise it by 10 % (and a little more) up to the
 * ceiling. Past the budget, sends are refused with
 * `rate_limited` and a `retryAfter`, so the queue in front of the object stays short and the
 * messages it does accept are delivered in time. Per-sender limits still bound each client.
 *
 * `wait()` only looks, `take()` spends: the room refuses a busy send before it charges the
 * sender's own buckets (room.ts).
 */
export class SendBudget {
  private rate: number;
  private tokens: number;
  private at = 0;
  private adjustedAt = 0;
  /** Sends taken since the last adjustment. */
  private taken = 0;
  /** Flush lateness, smoothed: one slow flush (a GC pause) is not a trend. */
  private late = 0;
  /** Sockets in the room at the last flush (for the delivery cap). */
  private sockets = 1;

  constructor(private readonly max = MAX_SENDS_PER_SECOND) {
    this.rate = max;
    this.tokens = this.burst();
  }

  /** The current budget in messages per second. */
  get perSecond(): number {
    return this.rate;
  }

  /** Milliseconds until a send fits (0: it fits now); takes nothing. */
  wait(now: number): number {
    const rate = this.effectiveRate();
    this.refill(now, rate);
    // A hair of tolerance: refills in small steps add up to 0.999… instead of 1.
    const missing = 1 - this.tokens - 1e-9;
    return missing <= 0 ? 0 : Math.ceil((missing / rate) * 1000);
  }

  /** Spends one send; call only after wait() said 0 (and every other check passed). */
  take(now: number): void {
    this.refill(now, this.effectiveRate());
    this.tokens -= 1;
    this.taken += 1;
  }

  /**
   * A flush ran `lateMs` after it was due (in a room of `sockets` sockets), or a commit took
   * `lateMs` to land.
   */
  observe(lateMs: number, now: number, sockets?: number): void {
    if (sockets !== undefined) this.sockets = Math.max(1, sockets);
    this.late += (lateMs - this.late) * SMOOTHING;
    if (this.adjustedAt === 0) {
      this.adjustedAt = now; // the first interval starts here
      this.taken = 0;
      return;
    }
    const since = now - this.adjustedAt;
    if (since < ADJUST_EVERY_MS) return;
    if (this.late > LATE_MS) {
      const accepted = (this.taken * 1000) / since;
      // Sends that used most of the budget are what made the room late: take 70 % of what it
      // accepted. A room late while it accepted far less than its budget first comes down to
      // twice its traffic (one step, nobody refused yet), then decreases as usual if it stays late.
      const next = accepted >= this.rate / 2 ? accepted * 0.7 : accepted * 2;
      this.rate = Math.max(MIN_SENDS_PER_SECOND, Math.min(this.rate, next));
      this.tokens = Math.min(this.tokens, this.burst());
    } else if (this.late < ON_TIME_MS) {
      this.rate = Math.min(this.max, this.rate * 1.1 + 10);
    }
    this.adjustedAt = now;
    this.taken = 0;
  }

  /** The adaptive rate, within the delivery cap for the room's current size. */
  private effectiveRate(): number {
    const cap = MAX_DELIVERIES_PER_SECOND / this.sockets;
    return Math.max(MIN_SENDS_PER_SECOND, Math.min(this.rate, cap));
  }

  private burst(rate = this.rate): number {
    return Math.max(1, rate * BURST_SECONDS);
  }

  private refill(now: number, rate = this.rate): void {
    if (this.at)
      this.tokens = Math.min(this.burst(rate), this.tokens + ((now - this.at) / 1000) * rate);
    this.at = now;
  }
}
