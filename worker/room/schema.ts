import type { Migration } from "../migrations";
import { ROOM_ACCESS_SQL } from "./access";

/** The Room object's schema history. Append only. */
export const ROOM_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: "rooms-messages-events",
    sql: `
      CREATE TABLE room (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        room_id TEXT NOT NULL,
        name TEXT NOT NULL,
        topic TEXT NOT NULL DEFAULT '',
        visibility TEXT NOT NULL,
        owner_id TEXT,
        created_at INTEGER NOT NULL
      );
      -- One row per message; its seq is the seq of the event that created it.
      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY,
        client_id TEXT,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        author_color TEXT,
        author_guest INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        reply_to INTEGER,
        edited_at INTEGER,
        deleted INTEGER NOT NULL DEFAULT 0
      );
      -- Idempotent sends: one stored message per (author, clientId).
      CREATE UNIQUE INDEX messages_author_client ON messages (author_id, client_id);
      -- Every other change (edit, delete, reaction, topic, rename), kept for gap-free catch-up.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE reactions (
        seq INTEGER NOT NULL,
        emoji TEXT NOT NULL,
        user_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (seq, emoji, user_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    id: 2,
    name: "search-retention-alarms",
    sql: `
      -- Watermarks: messages up to fts_through are in the search index (indexing is lazy, off the
      -- send path); everything up to pruned_through was removed by the retention cap.
      ALTER TABLE room ADD COLUMN fts_through INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE room ADD COLUMN pruned_through INTEGER NOT NULL DEFAULT 0;
      -- Full-text index over message text, rowid = message seq. Contentless: the text lives only in
      -- messages; contentless_delete lets edits, deletes and pruning remove rows by rowid.
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );
      -- The message an edit/delete/reaction event is about, to scrub edit text on delete.
      ALTER TABLE events ADD COLUMN target INTEGER;
      CREATE INDEX events_target ON events (target) WHERE target IS NOT NULL;
      -- Named jobs sharing the object's single alarm (see room/alarms.ts).
      CREATE TABLE alarm_jobs (name TEXT PRIMARY KEY, due_at INTEGER NOT NULL) WITHOUT ROWID;
    `,
  },
  { id: 3, name: "access-members-bans-invite", sql: ROOM_ACCESS_SQL },
  {
    id: 4,
    name: "usernames-and-ban-names",
    sql: `
      -- Accounts' usernames for profile links; older rows stay NULL (no link).
      ALTER TABLE messages ADD COLUMN author_username TEXT;
      -- Who a ban is about, as the room knew them when it was made (for the owner's ban list).
      ALTER TABLE bans ADD COLUMN name TEXT;
      ALTER TABLE bans ADD COLUMN username TEXT;
      ALTER TABLE bans ADD COLUMN guest INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX bans_banned_at ON bans (banned_at);
    `,
  },
];
