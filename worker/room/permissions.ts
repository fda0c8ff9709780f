import type { RoomInfo } from "../../protocol/index";
import type { Connection } from "./connection";

/**
 * Who may change what in a room. Each rule is one function so that roles (owner, moderators) can
 * be added in one place; the frame handlers only ask these.
 */

/** Only the author edits a message. */
export function canEdit(conn: Connection, message: { authorId: string }): boolean {
  return message.authorId === conn.id;
}

/** The author deletes their own message; the room's owner deletes any. */
export function canDelete(
  conn: Connection,
  message: { authorId: string },
  room: RoomInfo,
): boolean {
  return message.authorId === conn.id || (room.ownerId !== null && room.ownerId === conn.id);
}

/** The room's owner sets its topic and name. */
export function canChangeRoom(userId: string, room: RoomInfo): boolean {
  return room.ownerId !== null && room.ownerId === userId;
}
