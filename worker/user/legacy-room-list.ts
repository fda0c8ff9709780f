import { migrate } from "../migrations";
import { LEGACY_ROOM_LIST_MIGRATIONS } from "./schema";

/**
 * Room lists used to live in User objects named `rooms:<userId>`. A Durable Object's storage
 * belongs to its class and name, and a class migration can only rename or move a whole class,
 * so each RoomList object copies its old list once, on first use (room-list/legacy-import.ts),
 * from here. These functions run inside such an old object.
 */

/** An old room list as it was stored, rows and keys unchanged. */
export type LegacyRoomList = {
  rooms: {
    room_id: string;
    joined_at: number;
    last_visit: number;
    read_seq: number;
    dm_peer_id: string | null;
    dm_peer_name: string | null;
    hidden: number;
  }[];
  endedSessions: { sid: string; until: number }[];
  lastSeen: number | null;
  identity: string | null;
};

/** What an old room list answers (User.exportRoomList and dropRoomList), and nothing else. */
export type LegacyRoomListCalls = {
  exportRoomList(): Promise<LegacyRoomList | null>;
  dropRoomList(): Promise<void>;
};

/** The keys the old code wrote beside its tables. */
const LAST_SEEN = "user-rooms:last-seen";
const IDENTITY_KEY = "user-rooms:identity";

/** Old room lists are User objects named `rooms:<userId>`; identities never are (stubs.ts). */
export function isLegacyRoomList(id: DurableObjectId): boolean {
  return id.name?.startsWith("rooms:") === true;
}

/**
 * The old list in this object, or null when there is none. Reads only: an object the old code
 * never created is not created by asking.
 */
export function readLegacyRoomList(storage: DurableObjectStorage): LegacyRoomList | null {
  const sql = storage.sql;
  const created = sql
    .exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'")
    .toArray();
  if (created.length === 0) return null;
  // Lists last touched by an older version lack the later columns and tables.
  migrate(sql, LEGACY_ROOM_LIST_MIGRATIONS);
  return {
    rooms: sql.exec<LegacyRoomList["rooms"][number]>("SELECT * FROM user_rooms").toArray(),
    endedSessions: sql
      .exec<{ sid: string; until: number }>("SELECT sid, until FROM ended_sessions")
      .toArray(),
    lastSeen: storage.kv.get<number>(LAST_SEEN) ?? null,
    identity: storage.kv.get<string>(IDENTITY_KEY) ?? null,
  };
}
