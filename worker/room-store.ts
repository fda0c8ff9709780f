import type { Author, Message, Reaction, RoomEvent, RoomInfo } from "../protocol";
import { migrate } from "./migrations";
import { ROOM_MIGRATIONS } from "./room-schema";

type MessageRow = {
  seq: number;
  client_id: string | null;
  author_id: string;
  author_name: string;
  author_color: string | null;
  author_guest: number;
  text: string;
  created_at: number;
  reply_to: number | null;
  edited_at: number | null;
  deleted: number;
};

type RoomRow = {
  room_id: string;
  name: string;
  topic: string;
  visibility: "public" | "private";
  owner_id: string | null;
  created_at: number;
};

const MESSAGE_COLUMNS =
  "seq, client_id, author_id, author_name, author_color, author_guest, text, created_at, reply_to, edited_at, deleted";

/** Typed SQL for one room. No socket code here; every statement is parameterised. */
export class RoomStore {
  /** Highest seq handed out; the next event gets lastSeq + 1. */
  lastSeq = 0;

  constructor(private readonly sql: SqlStorage) {}

  migrate(): void {
    migrate(this.sql, ROOM_MIGRATIONS);
    const row = this.sql
      .exec<{ m: number | null }>(
        "SELECT max(m) AS m FROM (SELECT max(seq) AS m FROM messages UNION ALL SELECT max(seq) FROM events)",
      )
      .one();
    this.lastSeq = row.m ?? 0;
  }

  info(): RoomInfo | null {
    const row = this.sql.exec<RoomRow>("SELECT * FROM room WHERE id = 1").toArray()[0];
    if (!row) return null;
    return {
      id: row.room_id,
      name: row.name,
      topic: row.topic,
      visibility: row.visibility,
      ownerId: row.owner_id,
      createdAt: row.created_at,
    };
  }

  createRoom(info: RoomInfo): void {
    this.sql.exec(
      "INSERT INTO room (id, room_id, name, topic, visibility, owner_id, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)",
      info.id,
      info.name,
      info.topic,
      info.visibility,
      info.ownerId,
      info.createdAt,
    );
  }

  /**
   * Stores a message once per (author, clientId). A resend returns the stored message and
   * `duplicate: true` without writing.
   */
  insertMessage(input: {
    clientId: string;
    author: Author;
    text: string;
    replyTo: number | null;
    now: number;
  }): { message: Message; duplicate: boolean } {
    const seq = this.lastSeq + 1;
    const inserted = this.sql
      .exec<{ seq: number }>(
        `INSERT INTO messages (seq, client_id, author_id, author_name, author_color, author_guest, text, created_at, reply_to)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (author_id, client_id) DO NOTHING RETURNING seq`,
        seq,
        input.clientId,
        input.author.id,
        input.author.name,
        input.author.color ?? null,
        input.author.guest ? 1 : 0,
        input.text,
        input.now,
        input.replyTo,
      )
      .toArray();
    if (inserted.length === 1) {
      this.lastSeq = seq;
      return {
        duplicate: false,
        message: {
          seq,
          clientId: input.clientId,
          author: input.author,
          text: input.text,
          createdAt: input.now,
          replyTo: input.replyTo,
          editedAt: null,
          deleted: false,
          reactions: [],
        },
      };
    }
    const existing = this.sql
      .exec<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE author_id = ? AND client_id = ?`,
        input.author.id,
        input.clientId,
      )
      .one();
    return { duplicate: true, message: this.withReactions([existing])[0] as Message };
  }

  hasMessage(seq: number): boolean {
    return this.sql.exec("SELECT 1 FROM messages WHERE seq = ?", seq).toArray().length > 0;
  }

  /** Up to `limit` messages with seq < before, oldest first, and whether older ones exist. */
  page(before: number | undefined, limit: number): { messages: Message[]; hasMore: boolean } {
    const rows = this.sql
      .exec<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
        before ?? Number.MAX_SAFE_INTEGER,
        limit + 1,
      )
      .toArray();
    const hasMore = rows.length > limit;
    if (hasMore) rows.pop();
    rows.reverse();
    return { messages: this.withReactions(rows), hasMore };
  }

  /**
   * Every event after `since`, in seq order, or null when there are more than `max` (the client
   * should take a fresh snapshot instead). Messages are replayed in their current state.
   */
  eventsSince(since: number, max: number): RoomEvent[] | null {
    if (this.lastSeq - since > max) return null;
    const rows = this.sql
      .exec<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE seq > ? ORDER BY seq LIMIT ?`,
        since,
        max + 1,
      )
      .toArray();
    const messages: RoomEvent[] = this.withReactions(rows).map((message) => ({
      type: "message",
      seq: message.seq,
      message,
    }));
    const others = this.sql
      .exec<{ body: string }>(
        "SELECT body FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
        since,
        max + 1,
      )
      .toArray()
      .map((r) => JSON.parse(r.body) as RoomEvent);
    const all = [...messages, ...others].sort((a, b) => a.seq - b.seq);
    return all.length > max ? null : all;
  }

  /** Appends a non-message event; the caller applies its effect in the same synchronous block. */
  appendEvent<E extends RoomEvent>(build: (seq: number) => E, now: number): E {
    const event = build(this.lastSeq + 1);
    this.sql.exec(
      "INSERT INTO events (seq, body, created_at) VALUES (?, ?, ?)",
      event.seq,
      JSON.stringify(event),
      now,
    );
    this.lastSeq = event.seq;
    return event;
  }

  private withReactions(rows: MessageRow[]): Message[] {
    const first = rows[0];
    const last = rows[rows.length - 1];
    const bySeq = new Map<number, Reaction[]>();
    if (first && last) {
      const reactionRows = this.sql.exec<{ seq: number; emoji: string; user_id: string }>(
        "SELECT seq, emoji, user_id FROM reactions WHERE seq BETWEEN ? AND ? ORDER BY seq, created_at",
        Math.min(first.seq, last.seq),
        Math.max(first.seq, last.seq),
      );
      for (const r of reactionRows) {
        const list = bySeq.get(r.seq) ?? [];
        bySeq.set(r.seq, list);
        const reaction = list.find((x) => x.emoji === r.emoji);
        if (reaction) reaction.users.push(r.user_id);
        else list.push({ emoji: r.emoji, users: [r.user_id] });
      }
    }
    return rows.map((row) => toMessage(row, bySeq.get(row.seq) ?? []));
  }
}

function toMessage(row: MessageRow, reactions: Reaction[]): Message {
  const author: Author = { id: row.author_id, name: row.author_name };
  if (row.author_color) author.color = row.author_color;
  if (row.author_guest) author.guest = true;
  return {
    seq: row.seq,
    clientId: row.client_id,
    author,
    text: row.deleted ? "" : row.text,
    createdAt: row.created_at,
    replyTo: row.reply_to,
    editedAt: row.edited_at,
    deleted: row.deleted === 1,
    reactions: row.deleted ? [] : reactions,
  };
}
