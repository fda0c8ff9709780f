import type { Migration } from "../migrations";
import { USER_ROOMS_ENDED_SQL, USER_ROOMS_HIDDEN_SQL, USER_ROOMS_SQL } from "./rooms";

/** The User object's schema history. Append only. */
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
    sql: USER_ROOMS_SQL,
  },
  {
    id: 3,
    name: "user-rooms-hidden",
    sql: USER_ROOMS_HIDDEN_SQL,
  },
  {
    id: 4,
    name: "user-rooms-ended-sessions",
    sql: USER_ROOMS_ENDED_SQL,
  },
];
