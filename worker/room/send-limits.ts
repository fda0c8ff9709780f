import { type ClientFrame, LIMITS } from "../../protocol/index";
import type { Connection } from "./connection";
import { SendBudget } from "./send-budget";
import type { RoomSettings } from "./settings";
import { TokenBuckets } from "./token-buckets";

/**
 * A frame refused for rate: by its sender's own budgets (a violation when ignored), or by the
 * room's (the room as a whole is over what it sustains; no fault of the sender's). `wait` is
 * the `retryAfter` to tell the client, in milliseconds.
 */
export type RateRefusal = { by: "sender" | "room"; wait: number };

/**
 * The budgets a frame spends before it is handled: its connection's and its user's token
 * buckets, and for a message the whole room's send budget (room/send-budget.ts).
 */
export class SendLimits {
  private readonly perConnection: TokenBuckets;
  private readonly perUser: TokenBuckets;
  /** Null when the room-wide budget is off (ROOM_SEND_BUDGET=off). */
  private readonly budget: SendBudget | null;

  constructor(settings: RoomSettings) {
    const scale = settings.rateScale;
    this.perConnection = new TokenBuckets(LIMITS.sendBurst * scale, LIMITS.sendPerSecond * scale);
    this.perUser = new TokenBuckets(LIMITS.userSendBurst * scale, LIMITS.userSendPerSecond * scale);
    const max = settings.sendBudgetMax;
    this.budget = max === null ? null : new SendBudget(max);
  }

  /**
   * Charges `frame` to its budgets, or says why not. A refused frame takes no token from any
   * budget: every budget is checked before any is charged, and the room's own budget only takes
   * when the sender's allow the frame.
   */
  charge(conn: Connection, frame: ClientFrame, now: number): RateRefusal | null {
    if (!costsToken(frame)) return null;
    const wait = Math.max(this.perConnection.peek(conn.cid, now), this.perUser.peek(conn.id, now));
    if (wait > 0) return { by: "sender", wait };
    if (frame.type === "send" && this.budget) {
      const busy = this.budget.wait(now);
      if (busy > 0) return { by: "room", wait: busy };
      this.budget.take(now);
    }
    this.perConnection.take(conn.cid, now);
    this.perUser.take(conn.id, now);
    return null;
  }

  /**
   * After each flush: how late it ran, and the room's size; after each commit: how long it took
   * to land (room/send-budget.ts).
   */
  observe(lateMs: number, now: number, sockets?: number): void {
    this.budget?.observe(lateMs, now, sockets);
  }

  /** The connection closed. */
  forget(cid: string): void {
    this.perConnection.forget(cid);
  }
}

/** Frames that spend the sender's rate budget: everything that writes, broadcasts or queries. */
function costsToken(frame: ClientFrame): boolean {
  return frame.type !== "ping" && frame.type !== "typing" && frame.type !== "read";
}
