import type { Migration } from "../migrations";

/**
 * The User object's schema history. Append only. Migrations 2 to 4 are the room list's tables
 * from when one class held both kinds of object; room lists now have their own class
 * (room-list/schema.ts), and migration 5 drops those tables, always empty in identity objects.
 * Objects named `rooms:<userId>` (the old room lists) stop at 4 (user/legacy-room-list.ts).
 */
export const USER_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: "account-sessions-attempts",
    sql: `
      -- One row: the identity this object holds (an account, or a guest not yet upgraded).
      CREATE TABLE account (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        user_id TEXT NOT NULL,
        username TEXT,
        name TEXT NOT NULL,
        color TEXT NOT NULL,
        guest INTEGER NOT NULL,
        password_hash BLOB,
        password_salt BLOB,
        password_iterations INTEGER,
        -- Guests only: the lower-cased username this identity moved to (reserved or done).
        upgraded_to TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- Live sessions; a cookie is only honoured while its row exists and has not expired.
      CREATE TABLE sessions (
        sid TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      -- Recent login attempts that did not (yet) succeed, for the per-username lockout.
      CREATE TABLE login_attempts (at INTEGER NOT NULL);
    `,
  },
  {
    id: 2,
    name: "user-rooms",
    sql: `
      CREATE TABLE user_rooms (
        room_id TEXT PRIMARY KEY,
        joined_at INTEGER NOT NULL,
        last_visit INTEGER NOT NULL,
        read_seq INTEGER NOT NULL DEFAULT 0,
        dm_peer_id TEXT,
        dm_peer_name TEXT
      ) WITHOUT ROWID;
      CREATE INDEX user_rooms_by_visit ON user_rooms (last_visit DESC);
    `,
  },
  {
    id: 3,
    name: "user-rooms-hidden",
    sql: "ALTER TABLE user_rooms ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;",
  },
  {
    id: 4,
    name: "user-rooms-ended-sessions",
    sql: "CREATE TABLE ended_sessions (sid TEXT PRIMARY KEY, until INTEGER NOT NULL) WITHOUT ROWID;",
  },
  {
    id: 5,
    name: "room-list-moved-out",
    sql: "DROP TABLE ended_sessions; DROP TABLE user_rooms;",
  },
];

/** The last migration an old room list (`rooms:<userId>`) ever got: the shape it is read in. */
export const LEGACY_ROOM_LIST_MIGRATIONS = USER_MIGRATIONS.slice(0, 4);
