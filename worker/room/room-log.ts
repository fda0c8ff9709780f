import { LogAggregator } from "../log";

/** Closes of one kind a room logs one by one per minute; beyond that it counts them. */
export const CLOSES_LOGGED_EACH = 10;

/** Who ended a socket: the room (kick, ban, sign-out, leave, policy, sweep) or the peer. */
export type ClosedBy = "room" | "client" | "error";

/**
 * The room's log lines (docs/DEPLOY.md, "Log events"): each socket close with its code, and the
 * frames it refuses for rate. Ids and codes only: never a close reason a client wrote, a name or
 * a message. Aggregated per room object (worker/log.ts), so a room emptying at once or a client
 * flooding it writes a few lines a minute.
 */
export class RoomLog {
  private readonly closes = new LogAggregator("socket_close", {
    level: "info",
    burst: CLOSES_LOGGED_EACH,
  });
  private readonly refusals = new LogAggregator("rate_limited");

  /** `room`: the room id (the object's name). */
  constructor(private readonly room: string | null) {}

  closed(code: number, by: ClosedBy): void {
    this.closes.hit(`${by}:${code}`, { room: this.room, code, by });
  }

  /** A frame refused by the sender's own budgets, or by the whole room's (room/send-limits.ts). */
  refused(budget: "sender" | "room"): void {
    this.refusals.hit(budget, { scope: "room", room: this.room, budget });
  }
}
