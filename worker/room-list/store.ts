import { migrate } from "../migrations";
import type { LegacyRoomList } from "../user/legacy-room-list";
import { ROOM_LIST_MIGRATIONS } from "./schema";

/**
 * Per-user room state kept by the RoomList object: the rooms a user joined, with a read marker
 * each, and when the user was last seen. Unread counts are not stored here; each room computes
 * them from this marker when the list is asked for (see routes/my-rooms.ts), so a busy room
 * never writes to its members' objects.
 */

/** How long an ended session is remembered: the longest a cookie lives. */
const ENDED_SESSION_MS = 30 * 24 * 60 * 60 * 1000;

/** Rooms a user's list shows (most recently visited first); each costs one room call per poll. */
export const MY_ROOMS_MAX = 100;
/** The app polls GET /api/me/rooms this often while open; a user is online within 2 polls. */
export const MY_ROOMS_POLL_MS = 5000;
export const ONLINE_WINDOW_MS = 3 * MY_ROOMS_POLL_MS;

export type ListedRoom = {
  roomId: string;
  joinedAt: number;
  readSeq: number;
  dmWith: { id: string; name: string } | null;
};

type Row = {
  room_id: string;
  joined_at: number;
  read_seq: number;
  dm_peer_id: string | null;
  dm_peer_name: string | null;
};

/** Rooms a sign-out or profile change reaches, most recently visited first (edge/joined-rooms.ts). */
export const JOINED_ROOMS_MAX = 1000;

const LAST_SEEN = "room-list:last-seen";
/** The name of the User object holding this user id's identity (accountKey, guestKey in stubs.ts). */
export const IDENTITY_KEY = "room-list:identity";
/** Set when the user was a guest that has been forgotten: the list goes too (room-list.ts). */
const FORGOTTEN = "room-list:forgotten";

/** Typed SQL and keys over the RoomList object's storage; every statement is parameterised. */
export class RoomListStore {
  constructor(private readonly storage: DurableObjectStorage) {}

  migrate(): void {
    migrate(this.sql, ROOM_LIST_MIGRATIONS);
  }

  private get sql() {
    return this.storage.sql;
  }

  /** Takes over a list kept by the previous version, rows and keys as they were. */
  adopt(old: LegacyRoomList): void {
    for (const r of old.rooms) {
      this.sql.exec(
        `INSERT OR IGNORE INTO user_rooms
           (room_id, joined_at, last_visit, read_seq, dm_peer_id, dm_peer_name, hidden)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        r.room_id,
        r.joined_at,
        r.last_visit,
        r.read_seq,
        r.dm_peer_id,
        r.dm_peer_name,
        r.hidden,
      );
    }
    for (const s of old.endedSessions) {
      this.sql.exec(
        "INSERT OR IGNORE INTO ended_sessions (sid, until) VALUES (?, ?)",
        s.sid,
        s.until,
      );
    }
    if (old.lastSeen !== null) this.storage.kv.put(LAST_SEEN, old.lastSeen);
    if (old.identity !== null) this.storage.kv.put(IDENTITY_KEY, old.identity);
  }

  /** Adds a room to the list or refreshes its visit time. */
  remember(roomId: string, now: number, dmWith?: { id: string; name: string }): void {
    this.sql.exec(
      `INSERT INTO user_rooms (room_id, joined_at, last_visit, dm_peer_id, dm_peer_name)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (room_id) DO UPDATE SET last_visit = excluded.last_visit, hidden = 0,
         dm_peer_id = coalesce(excluded.dm_peer_id, dm_peer_id),
         dm_peer_name = coalesce(excluded.dm_peer_name, dm_peer_name)`,
      roomId,
      now,
      now,
      dmWith?.id ?? null,
      dmWith?.name ?? null,
    );
  }

  /** The other person of a listed DM changed their display name: the list shows the new one. */
  renamePeer(roomId: string, peerId: string, name: string): void {
    this.sql.exec(
      "UPDATE user_rooms SET dm_peer_name = ? WHERE room_id = ? AND dm_peer_id = ?",
      name,
      roomId,
      peerId,
    );
  }

  /**
   * Moves the read marker of a listed room forward (never back). Returns the marker, or null
   * for a room not in the list: marking is no way to add a room (and see its name and counts).
   */
  markRead(roomId: string, seq: number, now: number): number | null {
    const row = this.sql
      .exec<{ read_seq: number }>(
        `UPDATE user_rooms SET read_seq = max(read_seq, ?), last_visit = ?
         WHERE room_id = ? AND hidden = 0 RETURNING read_seq`,
        seq,
        now,
        roomId,
      )
      .toArray()[0];
    return row?.read_seq ?? null;
  }

  forget(roomId: string): void {
    this.sql.exec("UPDATE user_rooms SET hidden = 1 WHERE room_id = ?", roomId);
  }

  /** Every room the user joined, hidden ones too: where their sockets may be open. */
  joined(limit = JOINED_ROOMS_MAX): string[] {
    return this.sql
      .exec<{ room_id: string }>(
        "SELECT room_id FROM user_rooms ORDER BY last_visit DESC LIMIT ?",
        limit,
      )
      .toArray()
      .map((r) => r.room_id);
  }

  /**
   * Records which User object holds this user id (accounts are named by username, guests by
   * `guest:<id>`), so a user id alone can be checked for existence (POST /api/dm).
   */
  recordIdentity(key: string): void {
    if (this.storage.kv.get<string>(IDENTITY_KEY) !== key) this.storage.kv.put(IDENTITY_KEY, key);
  }

  identity(): string | null {
    return this.storage.kv.get<string>(IDENTITY_KEY) ?? null;
  }

  /** Marks the list as belonging to guest `key`, which was forgotten. */
  markForgotten(key: string): void {
    this.storage.kv.put(FORGOTTEN, key);
  }

  /** The forgotten guest this list belonged to, while it is still that guest's list. */
  forgotten(): string | null {
    const key = this.storage.kv.get<string>(FORGOTTEN) ?? null;
    return key !== null && key === this.identity() ? key : null;
  }

  /** Records signed-out sessions (and forgets ones past any cookie's life). */
  ended(sids: string[], now: number): void {
    this.sql.exec("DELETE FROM ended_sessions WHERE until <= ?", now);
    for (const sid of sids) {
      this.sql.exec(
        "INSERT OR REPLACE INTO ended_sessions (sid, until) VALUES (?, ?)",
        sid,
        now + ENDED_SESSION_MS,
      );
    }
  }

  hasEnded(sid: string, now: number): boolean {
    return (
      this.sql.exec("SELECT 1 FROM ended_sessions WHERE sid = ? AND until > ?", sid, now).toArray()
        .length > 0
    );
  }

  list(limit = MY_ROOMS_MAX): ListedRoom[] {
    return this.sql
      .exec<Row>(
        `SELECT room_id, joined_at, read_seq, dm_peer_id, dm_peer_name FROM user_rooms
         WHERE hidden = 0 ORDER BY last_visit DESC LIMIT ?`,
        limit,
      )
      .toArray()
      .map((r) => ({
        roomId: r.room_id,
        joinedAt: r.joined_at,
        readSeq: r.read_seq,
        dmWith:
          r.dm_peer_id === null ? null : { id: r.dm_peer_id, name: r.dm_peer_name ?? r.dm_peer_id },
      }));
  }

  /**
   * Records that the user is here (the app polls while open). Written at most once per poll
   * interval, so a user with several tabs costs no more than one.
   */
  seen(now: number): void {
    const last = this.storage.kv.get<number>(LAST_SEEN) ?? 0;
    if (now - last >= MY_ROOMS_POLL_MS / 2) this.storage.kv.put(LAST_SEEN, now);
  }

  presence(now: number): { online: boolean; lastSeen: number | null } {
    const lastSeen = this.storage.kv.get<number>(LAST_SEEN) ?? null;
    return { online: lastSeen !== null && now - lastSeen < ONLINE_WINDOW_MS, lastSeen };
  }
}
