import {
  type DeleteFrame,
  type EditFrame,
  type ErrorCode,
  LIMITS,
  type ReactFrame,
  type RoomEvent,
  type TopicFrame,
} from "../../protocol/index";
import type { Connection } from "./connection";
import { canChangeRoom, canDelete, canEdit } from "./permissions";
import type { Timeline } from "./timeline";

/**
 * The frames that change something already in the room: edit, delete, react, topic. Each checks
 * that the target exists and who may act (room/permissions.ts), then stores the change as an
 * event. They return what to broadcast, or the error to answer; the room does the sending.
 */
export type Change =
  | { ok: true; event: RoomEvent | null }
  | { ok: false; code: ErrorCode; message: string };

const refuse = (code: ErrorCode, message: string): Change => ({ ok: false, code, message });

export function edit(timeline: Timeline, conn: Connection, frame: EditFrame, now: number): Change {
  const meta = timeline.messages.meta(frame.seq);
  if (!meta || meta.deleted) return refuse("not_found", `No message ${frame.seq} to edit`);
  if (!canEdit(conn, meta)) return refuse("forbidden", "You can only edit your own messages");
  return { ok: true, event: timeline.editMessage(frame.seq, frame.text, now) };
}

export function remove(
  timeline: Timeline,
  conn: Connection,
  frame: DeleteFrame,
  now: number,
): Change {
  const meta = timeline.messages.meta(frame.seq);
  const room = timeline.record.info();
  if (!meta || meta.deleted || !room)
    return refuse("not_found", `No message ${frame.seq} to delete`);
  if (!canDelete(conn, meta, room))
    return refuse("forbidden", "You can only delete your own messages");
  return { ok: true, event: timeline.deleteMessage(frame.seq, conn.id, now) };
}

export function react(
  timeline: Timeline,
  conn: Connection,
  frame: ReactFrame,
  now: number,
): Change {
  const meta = timeline.messages.meta(frame.seq);
  if (!meta || meta.deleted) return refuse("not_found", `No message ${frame.seq} to react to`);
  const max = LIMITS.maxReactionsPerMessage;
  const event = timeline.toggleReaction(frame.seq, frame.emoji, conn.id, max, now);
  if (!event) return refuse("too_large", `A message carries at most ${max} different emoji`);
  return { ok: true, event };
}

/** Nothing to broadcast when the topic is unchanged. */
export function topic(
  timeline: Timeline,
  conn: Connection,
  frame: TopicFrame,
  now: number,
): Change {
  const room = timeline.record.info();
  if (!room) return refuse("not_found", "No such room");
  if (!canChangeRoom(conn.id, room))
    return refuse("forbidden", "Only the room's owner can set the topic");
  if (frame.topic === room.topic) return { ok: true, event: null };
  return { ok: true, event: timeline.setTopic(frame.topic, conn.id, now) };
}
