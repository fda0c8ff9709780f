import type { MessagesBody, RoomBody } from "../../protocol/index";
import type { RoomAccess } from "./access";
import type { RoomPresence } from "./presence";
import type { Timeline } from "./timeline";
import { type UnreadQuery, type UnreadState, unreadIn } from "./unread";

/**
 * What the Worker's HTTP reads ask of a room: its description, pages of history and search, a
 * user's unread state. Each answers null when the room does not exist.
 */
export class RoomReads {
  constructor(
    private readonly p: { timeline: Timeline; access: RoomAccess; presence: RoomPresence },
  ) {}

  describe(): RoomBody | null {
    const { timeline, presence } = this.p;
    const room = timeline.record.info();
    if (!room) return null;
    return { room, online: presence.members().length, lastSeq: timeline.lastSeq };
  }

  history(before: number | undefined, limit: number): MessagesBody | null {
    if (!this.p.timeline.record.info()) return null;
    return this.p.timeline.page(before, limit);
  }

  search(q: string, before: number | undefined, limit: number): MessagesBody | null {
    if (!this.p.timeline.record.info()) return null;
    return this.p.timeline.searchMessages(q, before, limit);
  }

  /** For GET /api/me/rooms (room/unread.ts); also null for a user the room no longer admits. */
  unread(q: UnreadQuery) {
    const { timeline, access } = this.p;
    const room = timeline.record.info();
    // A user the room no longer admits (banned, removed from a private room) sees nothing of it.
    if (!room || !access.admit(room, q.userId, null).ok) return null;
    const state: UnreadState = unreadIn(timeline.messages, q, timeline.lastSeq);
    return { room, ...state };
  }
}
