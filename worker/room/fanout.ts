/**
 * What a room may send per second, counted in deliveries (one frame to one socket), across all
 * of its senders. Per-sender limits bound each client; this bounds the room: past it, sends are
 * turned away with `rate_limited` instead of queueing in front of the object without bound,
 * where every later frame (and every ack) would wait behind them.
 *
 * 20,000 deliveries/s is 400 msg/s to 50 listeners or 100 msg/s to 200. The burst is a quarter
 * second of it, so a full budget adds at most ~250 ms of queue at the object's own speed.
 */
export const FANOUT_PER_SECOND = 20_000;

/** A send costs its deliveries plus this much for its own work (parse, insert, ack). */
const MESSAGE_OVERHEAD = 4;

export class FanoutBudget {
  private readonly perSecond: number;
  private readonly burst: number;
  private tokens: number;
  private at = 0;

  constructor(perSecond = FANOUT_PER_SECOND) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, perSecond / 4);
    this.tokens = this.burst;
  }

  /**
   * Milliseconds until a message to `sockets` sockets fits (0 = it fits now and is counted).
   * A message bigger than the whole burst (a huge room) is charged the burst, so it still goes.
   */
  take(sockets: number, now: number): number {
    const cost = Math.min(this.burst, sockets + MESSAGE_OVERHEAD);
    if (this.at)
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens >= cost) {
      this.tokens -= cost;
      return 0;
    }
    return Math.ceil(((cost - this.tokens) / this.perSecond) * 1000);
  }
}
