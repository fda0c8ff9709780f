import type { Migration } from "../migrations";

/** The RoomList object's schema history. Append only. */
export const ROOM_LIST_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: "rooms-ended-sessions",
    sql: `
      CREATE TABLE user_rooms (
        room_id TEXT PRIMARY KEY,
        joined_at INTEGER NOT NULL,
        last_visit INTEGER NOT NULL,
        -- the last seq the user has read; only ever moves forward
        read_seq INTEGER NOT NULL DEFAULT 0,
        -- for a direct message: the other person
        dm_peer_id TEXT,
        dm_peer_name TEXT,
        -- dropped from the list (DELETE /api/me/rooms/:roomId) but kept, so signing out and
        -- profile changes still reach the user's sockets there: a stolen session must not
        -- dodge "log out everywhere" by dropping the room first
        hidden INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE INDEX user_rooms_by_visit ON user_rooms (last_visit DESC);
      -- Sessions that were signed out, kept as long as their cookie could have lived, so a
      -- socket join recorded after the sign-out read the list learns its session is over.
      CREATE TABLE ended_sessions (sid TEXT PRIMARY KEY, until INTEGER NOT NULL) WITHOUT ROWID;
    `,
  },
];
