import {
  type BansBody,
  CLOSE_BANNED,
  CLOSE_KICKED,
  type ErrorCode,
  LIMITS,
} from "../../protocol/index";
import type { BannedIdentity, RoomAccess } from "./access";
import { authorOf, connectionOf } from "./connection";
import type { Departures } from "./departures";
import { canChangeRoom } from "./permissions";
import type { Timeline } from "./timeline";

export type ModerationAction = "kick" | "ban" | "unban";

export type ModerationResult =
  | { ok: true; closed: number }
  | { ok: false; code: ErrorCode; message: string };

/** How a removed user's sockets are closed, and what they are told. */
const REMOVALS = {
  kick: { code: CLOSE_KICKED, message: "The room's owner removed you from the room" },
  ban: { code: CLOSE_BANNED, message: "The room's owner banned you from the room" },
} as const;

/**
 * The owner's powers over who stays: kick, ban, unban, and the list of bans. Only the owner
 * moderates, and never themself; a removed user's sockets here close at once.
 */
export class Moderation {
  constructor(
    private readonly p: {
      ctx: DurableObjectState;
      timeline: Timeline;
      access: RoomAccess;
      departures: Departures;
    },
  ) {}

  /** Null when the room does not exist. */
  moderate(byUserId: string, action: ModerationAction, userId: string): ModerationResult | null {
    const { access, ctx } = this.p;
    const room = this.p.timeline.record.info();
    if (!room) return null;
    if (!canChangeRoom(byUserId, room)) {
      return { ok: false, code: "forbidden", message: "Only the room's owner can do that" };
    }
    if (userId === byUserId) {
      return {
        ok: false,
        code: "bad_request",
        message: "You cannot remove yourself from your room",
      };
    }
    if (action === "unban") {
      access.unban(userId);
      return { ok: true, closed: 0 };
    }
    if (action === "ban") access.ban(userId, byUserId, this.knownAs(userId));
    else access.removeMember(userId);
    const { code, message } = REMOVALS[action];
    const notice = { type: "error", code: "forbidden", message } as const;
    const closed = this.p.departures.close(ctx.getWebSockets(userId), code, message, notice);
    return { ok: true, closed };
  }

  /** The room's bans, newest first; null without a room. */
  bans(byUserId: string): BansBody | "forbidden" | null {
    const room = this.p.timeline.record.info();
    if (!room) return null;
    if (!canChangeRoom(byUserId, room)) return "forbidden";
    return this.p.access.bans(LIMITS.bansListed, (id) => this.p.timeline.messages.latestAuthor(id));
  }

  /** How this room knows `userId`: an open socket's identity, else their latest message's. */
  private knownAs(userId: string): BannedIdentity | null {
    for (const ws of this.p.ctx.getWebSockets(userId)) {
      const conn = connectionOf(ws);
      if (conn) return authorOf(conn);
    }
    return this.p.timeline.messages.latestAuthor(userId);
  }
}
