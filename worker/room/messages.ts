import type { Author, Message, Reaction } from "../../protocol/index";
import type { Reactions } from "./reactions";

type MessageRow = {
  seq: number;
  client_id: string | null;
  author_id: string;
  author_name: string;
  author_color: string | null;
  author_guest: number;
  /** Null for guests and for messages stored before migration 4. */
  author_username: string | null;
  text: string;
  created_at: number;
  reply_to: number | null;
  edited_at: number | null;
  deleted: number;
};

const COLUMNS =
  "seq, client_id, author_id, author_name, author_color, author_guest, author_username, text, created_at, reply_to, edited_at, deleted";

export type NewMessage = {
  clientId: string;
  author: Author;
  text: string;
  replyTo: number | null;
  now: number;
};

/**
 * The room's messages (table `messages`), read back with their reactions. The only code that
 * touches the table: history pages, catch-up, search results, unread counts and the directory's
 * last activity all ask here. Every statement is parameterised.
 */
export class Messages {
  constructor(
    private readonly sql: SqlStorage,
    private readonly reactions: Reactions,
  ) {}

  count(): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM messages").one().n;
  }

  /** Highest stored message seq; null when there is none. */
  maxSeq(): number | null {
    return this.sql.exec<{ m: number | null }>("SELECT max(seq) AS m FROM messages").one().m;
  }

  /** Stores message `seq` unless its author already stored `clientId`; returns whether it did. */
  insert(seq: number, m: NewMessage): boolean {
    return (
      this.sql
        .exec(
          `INSERT INTO messages (seq, client_id, author_id, author_name, author_color, author_guest, author_username, text, created_at, reply_to)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (author_id, client_id) DO NOTHING RETURNING seq`,
          seq,
          m.clientId,
          m.author.id,
          m.author.name,
          m.author.color ?? null,
          m.author.guest ? 1 : 0,
          m.author.username ?? null,
          m.text,
          m.now,
          m.replyTo,
        )
        .toArray().length === 1
    );
  }

  /** The message an author stored under `clientId` (a resend finds the first one). */
  byClientId(authorId: string, clientId: string): Message {
    const row = this.sql
      .exec<MessageRow>(
        `SELECT ${COLUMNS} FROM messages WHERE author_id = ? AND client_id = ?`,
        authorId,
        clientId,
      )
      .one();
    return this.withReactions([row])[0] as Message;
  }

  /** The author as their latest message here shows them; null when they never posted. */
  latestAuthor(userId: string): Author | null {
    const row = this.sql
      .exec<MessageRow>(
        `SELECT ${COLUMNS} FROM messages WHERE author_id = ? ORDER BY seq DESC LIMIT 1`,
        userId,
      )
      .toArray()[0];
    return row ? toMessage(row, []).author : null;
  }

  /** Who wrote message `seq` and whether it is deleted; null when there is no such message. */
  meta(seq: number): { authorId: string; deleted: boolean } | null {
    const row = this.sql
      .exec<{ author_id: string; deleted: number }>(
        "SELECT author_id, deleted FROM messages WHERE seq = ?",
        seq,
      )
      .toArray()[0];
    return row ? { authorId: row.author_id, deleted: row.deleted === 1 } : null;
  }

  setText(seq: number, text: string, editedAt: number): void {
    this.sql.exec("UPDATE messages SET text = ?, edited_at = ? WHERE seq = ?", text, editedAt, seq);
  }

  /** Keeps the seq (history stays gap-free), drops the text and the reactions. */
  markDeleted(seq: number): void {
    this.sql.exec("UPDATE messages SET deleted = 1, text = '' WHERE seq = ?", seq);
    this.reactions.deleteFor(seq);
  }

  /** Up to `limit` messages with seq < before, oldest first, and whether older ones exist. */
  page(before: number | undefined, limit: number): { messages: Message[]; hasMore: boolean } {
    const rows = this.sql
      .exec<MessageRow>(
        `SELECT ${COLUMNS} FROM messages WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
        before ?? Number.MAX_SAFE_INTEGER,
        limit + 1,
      )
      .toArray();
    const hasMore = rows.length > limit;
    if (hasMore) rows.pop();
    rows.reverse();
    return { messages: this.withReactions(rows), hasMore };
  }

  /** Up to `limit` messages after `since`, oldest first, in their current state. */
  after(since: number, limit: number): Message[] {
    const rows = this.sql
      .exec<MessageRow>(
        `SELECT ${COLUMNS} FROM messages WHERE seq > ? ORDER BY seq LIMIT ?`,
        since,
        limit,
      )
      .toArray();
    return this.withReactions(rows);
  }

  /** The messages with these seqs, newest first. */
  bySeqs(seqs: number[]): Message[] {
    const rows = this.sql
      .exec<MessageRow>(
        `SELECT ${COLUMNS} FROM messages WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq DESC`,
        JSON.stringify(seqs),
      )
      .toArray();
    return this.withReactions(rows);
  }

  /** Text of up to `limit` messages after `since`, for the search index. */
  textsAfter(since: number, limit: number) {
    return this.sql
      .exec<{ seq: number; text: string; deleted: number }>(
        "SELECT seq, text, deleted FROM messages WHERE seq > ? ORDER BY seq LIMIT ?",
        since,
        limit,
      )
      .toArray();
  }

  /** When the latest message was written (one row read by primary key); null without any. */
  lastActivity(): number | null {
    return (
      this.sql
        .exec<{ created_at: number }>("SELECT created_at FROM messages ORDER BY seq DESC LIMIT 1")
        .toArray()[0]?.created_at ?? null
    );
  }

  /** Live messages after `readSeq` by anyone but `userId`, counted up to `cap`. */
  countUnread(readSeq: number, userId: string, cap: number): number {
    return this.sql
      .exec<{ n: number }>(
        `SELECT count(*) AS n FROM (SELECT 1 FROM messages
           WHERE seq > ? AND author_id != ? AND deleted = 0 LIMIT ?)`,
        readSeq,
        userId,
        cap,
      )
      .one().n;
  }

  /** Of the newest `scan` of those, the text of up to `limit` that contain an "@". */
  unreadWithAt(readSeq: number, userId: string, scan: number, limit: number): string[] {
    return this.sql
      .exec<{ text: string }>(
        `SELECT text FROM (
           SELECT text FROM messages WHERE seq > ? AND author_id != ? AND deleted = 0
           ORDER BY seq DESC LIMIT ?)
         WHERE instr(text, '@') > 0 LIMIT ?`,
        readSeq,
        userId,
        scan,
        limit,
      )
      .toArray()
      .map((r) => r.text);
  }

  /** The seq of the `n`-th oldest message (1-based); undefined when there are fewer. */
  nthOldest(n: number): number | undefined {
    return this.sql
      .exec<{ seq: number }>("SELECT seq FROM messages ORDER BY seq LIMIT 1 OFFSET ?", n - 1)
      .toArray()[0]?.seq;
  }

  /** Removes every message up to `seq` with its reactions (retention). */
  deleteThrough(seq: number): void {
    this.reactions.deleteThrough(seq);
    this.sql.exec("DELETE FROM messages WHERE seq <= ?", seq);
  }

  private withReactions(rows: MessageRow[]): Message[] {
    const bySeq = this.reactions.of(rows.map((r) => r.seq));
    return rows.map((row) => toMessage(row, bySeq.get(row.seq) ?? []));
  }
}

/** A deleted message shows no text and no reactions, whatever is stored. */
function toMessage(row: MessageRow, reactions: Reaction[]): Message {
  const author: Author = { id: row.author_id, name: row.author_name };
  if (row.author_color) author.color = row.author_color;
  if (row.author_guest) author.guest = true;
  else if (row.author_username) author.username = row.author_username;
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
