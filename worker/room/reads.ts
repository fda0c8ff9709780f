import type { MessagesBody, RoomBody, RoomInfo } from "../../protocol/index";
import type { Admission, RoomAccess } from "./access";
import type { RoomPresence } from "./presence";
import type { Timeline } from "./timeline";
import { type UnreadQuery, unreadIn } from "./unread";

/** Who reads a room's data over HTTP: the session's user (null: none) and their invite token. */
export type Reader = { userId: string | null; invite: string | null };

/** Why the room refuses a reader (room/access.ts). */
export type Refusal = Extract<Admission, { ok: false }>;

/** A read's answer in one call: the body, the room's refusal, or null when there is no room. */
export type ReadResult<T> = { ok: true; body: T } | Refusal | null;

/**
 * What the Worker's HTTP reads ask of a room: its description, pages of history and search, a
 * user's unread state. Each checks the room's access rules first, in the same call, so a read
 * is one request to the room.
 */
export class RoomReads {
  constructor(
    private readonly p: { timeline: Timeline; access: RoomAccess; presence: RoomPresence },
  ) {}

  describe(who: Reader): ReadResult<RoomBody> {
    return this.read(who, (room) => ({
      room,
      online: this.p.presence.members().length,
      lastSeq: this.p.timeline.lastSeq,
    }));
  }

  history(who: Reader, before: number | undefined, limit: number): ReadResult<MessagesBody> {
    return this.read(who, () => this.p.timeline.page(before, limit));
  }

  search(who: Reader, q: string, before: number | undefined, limit: number) {
    return this.read(who, () => this.p.timeline.searchMessages(q, before, limit));
  }

  /** For GET /api/me/rooms (room/unread.ts); null for a user the room does not admit. */
  unread(q: UnreadQuery) {
    const { timeline } = this.p;
    // A user the room no longer admits (banned, removed from a private room) sees nothing of it.
    const room = this.admitted(q.userId);
    if (!room) return null;
    return { room, ...unreadIn(timeline.messages, q, timeline.lastSeq) };
  }

  /** The room when it admits `userId` as a member would enter (no invite); else null. */
  admitted(userId: string): RoomInfo | null {
    const room = this.p.timeline.record.info();
    return room && this.p.access.admit(room, userId, null).ok ? room : null;
  }

  private read<T>(who: Reader, body: (room: RoomInfo) => T): ReadResult<T> {
    const room = this.p.timeline.record.info();
    if (!room) return null;
    const admission = this.p.access.admit(room, who.userId, who.invite);
    return admission.ok ? { ok: true, body: body(room) } : admission;
  }
}
