import type { ClientFrame, Member, Message, RoomInfo } from "../../../../protocol";
import { initialState, type Outgoing, type RoomState } from "./state";

/** How many of a room's latest posts are kept for the next visit (two history pages). */
export const SNAPSHOT_MESSAGES = 100;

/**
 * What a visit leaves behind for the next one: the room as the client last knew it, exactly as
 * of `lastSeq`. The next visit shows it at once and connects with `?since=lastSeq`; the server
 * then replays every event after it (or sends a fresh snapshot), which the reducer applies as
 * after any reconnect, so nothing is missed and nothing shows twice.
 */
export type RoomSnapshot = {
  v: 1;
  roomId: string;
  room: RoomInfo;
  me: { id: string; name: string } | null;
  /** The latest posts, oldest first, contiguous up to `lastSeq`. */
  messages: Message[];
  hasMore: boolean;
  lastSeq: number;
  /** Who was online then: shown as "last known" until the room says who is. */
  members: Member[];
  features: ClientFrame["type"][] | null;
  savedAt: number;
};

/** The snapshot of a state, or null when there is nothing confirmed to keep. */
export function snapshotOf(roomId: string, state: RoomState, now: number): RoomSnapshot | null {
  if (!state.room || state.lastSeq < 0) return null;
  const cut = Math.max(0, state.messages.length - SNAPSHOT_MESSAGES);
  return {
    v: 1,
    roomId,
    room: state.room,
    me: state.me,
    messages: state.messages.slice(cut),
    hasMore: state.hasMore || cut > 0,
    lastSeq: state.lastSeq,
    members: state.members,
    features: state.features,
    savedAt: now,
  };
}

/** Whether a stored value is a snapshot this version can use (older shapes are ignored). */
export function isSnapshot(value: unknown, roomId: string): value is RoomSnapshot {
  const s = value as Partial<RoomSnapshot> | null | undefined;
  return (
    !!s &&
    s.v === 1 &&
    s.roomId === roomId &&
    typeof s.lastSeq === "number" &&
    Array.isArray(s.messages) &&
    Array.isArray(s.members) &&
    !!s.room
  );
}

/**
 * The state a visit starts from with a snapshot: as if it had been connected and just lost the
 * connection. Posts of the outbox that the snapshot already holds were delivered: they go.
 */
export function hydrate(snapshot: RoomSnapshot, outbox: Outgoing[]): RoomState {
  const stored = new Set(snapshot.messages.map((m) => m.clientId));
  return {
    ...initialState(outbox.filter((o) => !stored.has(o.clientId))),
    room: snapshot.room,
    me: snapshot.me,
    messages: snapshot.messages,
    hasMore: snapshot.hasMore,
    lastSeq: snapshot.lastSeq,
    members: snapshot.members,
    features: snapshot.features,
  };
}
