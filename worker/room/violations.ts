import { LIMITS } from "../../protocol/index";

/**
 * Error frames earned per connection within LIMITS.violationWindowMs; a connection that earns
 * LIMITS.maxViolations is closed with CLOSE_POLICY. In memory: a room that hibernated has
 * forgotten them, which only ever favours a client that paused.
 *
 * A rate-limited frame counts only when the client ignored the previous `retryAfter`: a client
 * that waits as told is slow, not abusive, however often it is limited.
 */
export class ViolationCounter {
  private readonly byConnection = new Map<string, { count: number; since: number }>();
  /** Until when each connection was told to wait. */
  private readonly waitUntil = new Map<string, number>();

  /** A rate-limited frame; true when the connection has now earned the close. */
  limited(cid: string, now: number, retryAfter: number): boolean {
    const told = this.waitUntil.get(cid);
    this.waitUntil.set(cid, now + retryAfter);
    return told !== undefined && now < told ? this.record(cid, now) : false;
  }

  /** Counts one violation; true when the connection has now earned the close. */
  record(cid: string, now: number): boolean {
    let v = this.byConnection.get(cid);
    if (!v || now - v.since > LIMITS.violationWindowMs) {
      v = { count: 0, since: now };
      this.byConnection.set(cid, v);
    }
    v.count += 1;
    if (v.count < LIMITS.maxViolations) return false;
    this.byConnection.delete(cid);
    return true;
  }

  forget(cid: string): void {
    this.byConnection.delete(cid);
    this.waitUntil.delete(cid);
  }
}
