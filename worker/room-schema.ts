import type { Migration } from "./migrations";

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
];
