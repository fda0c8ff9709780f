import { CLOSE_BANNED, CLOSE_KICKED, type ErrorCode, type RoomInfo } from "../../protocol/index";
import type { BannedIdentity, RoomAccess } from "./access";
import { closeSockets } from "./sockets";

export type ModerationAction = "kick" | "ban" | "unban";

export type ModerationResult =
  | { ok: true; closed: number }
  | { ok: false; code: ErrorCode; message: string };

/** What the room must do to the target's sockets after `decide` said yes. */
export type Removal = { closeCode: number; message: string } | null;

/**
 * Checks and records one moderation action in storage. Only the owner moderates, and never
 * themself. Returns the refusal, or how to close the target's sockets (null: leave them).
 */
export function decide(
  access: RoomAccess,
  room: RoomInfo,
  byUserId: string,
  action: ModerationAction,
  userId: string,
  /** The target as the room knows them (recorded with a ban). */
  who: BannedIdentity | null = null,
): { ok: false; code: ErrorCode; message: string } | { ok: true; removal: Removal } {
  if (room.ownerId === null || room.ownerId !== byUserId) {
    return { ok: false, code: "forbidden", message: "Only the room's owner can do that" };
  }
  if (userId === byUserId) {
    return { ok: false, code: "bad_request", message: "You cannot remove yourself from your room" };
  }
  switch (action) {
    case "kick":
      access.removeMember(userId);
      return {
        ok: true,
        removal: { closeCode: CLOSE_KICKED, message: "The room's owner removed you from the room" },
      };
    case "ban":
      access.ban(userId, byUserId, who);
      return {
        ok: true,
        removal: { closeCode: CLOSE_BANNED, message: "The room's owner banned you from the room" },
      };
    case "unban":
      access.unban(userId);
      return { ok: true, removal: null };
  }
}

/**
 * Tells each socket why, then closes it. Returns the sockets closed, for the room's own
 * bookkeeping (presence leave).
 */
export function removeSockets(sockets: WebSocket[], removal: NonNullable<Removal>): WebSocket[] {
  const frame = JSON.stringify({ type: "error", code: "forbidden", message: removal.message });
  for (const ws of sockets) {
    if (ws.readyState !== WebSocket.OPEN) continue;
    try {
      ws.send(frame);
    } catch {
      // closing under us; closeSockets skips it
    }
  }
  return closeSockets(sockets, removal.closeCode, removal.message.slice(0, 120));
}
