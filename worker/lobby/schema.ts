import type { Migration } from "../migrations";

/** The Lobby object's schema history. Append only. */
export const LOBBY_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: "public-rooms",
    sql: `
      -- Public rooms only: a private room is never written here, so it cannot leak into a listing.
      CREATE TABLE rooms (
        room_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        -- lower-cased name for the case-insensitive filter
        name_folded TEXT NOT NULL,
        topic TEXT NOT NULL,
        online INTEGER NOT NULL,
        message_count INTEGER NOT NULL,
        last_activity INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        -- when the room took the snapshot; an older report never overwrites a newer one
        reported_at INTEGER NOT NULL,
        -- how many times this row was written: the measure of the rooms' debouncing
        writes INTEGER NOT NULL DEFAULT 1
      ) WITHOUT ROWID;
      -- The sort orders, each covering the name filter: a filtered page scans one index and
      -- reads full rows only for the rooms it returns.
      CREATE INDEX rooms_by_activity ON rooms (last_activity DESC, room_id DESC, name_folded);
      CREATE INDEX rooms_by_online ON rooms (online DESC, last_activity DESC, room_id DESC, name_folded);
    `,
  },
  {
    id: 2,
    name: "drop-write-counter",
    // The write counter only ever served tests; they count the Lobby's report calls instead.
    sql: "ALTER TABLE rooms DROP COLUMN writes;",
  },
];
