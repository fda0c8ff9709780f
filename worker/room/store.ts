import type {
  Author,
  DeleteEvent,
  EditEvent,
  Message,
  ReactionEvent,
  RenameEvent,
  RoomEvent,
  RoomInfo,
  TopicEvent,
} from "../../protocol/index";
import { migrate } from "../migrations";
import { MESSAGE_COLUMNS, type MessageRow, messagesFrom, type RoomRow } from "./rows";
import { ROOM_MIGRATIONS } from "./schema";
import { RoomSearch } from "./search";

/** Typed SQL for one room. No socket code here; every statement is parameterised. */
export class RoomStore {
  /** Highest seq handed out; the next event gets lastSeq + 1. */
  lastSeq = 0;
  /** Stored messages (deleted ones included): the retention cap counts these. */
  messageCount = 0;
  /** Everything up to this seq was removed by the retention cap; catch-up cannot start earlier. */
  prunedThrough = 0;
  readonly search: RoomSearch;
  /** The latest page of history as of `key` (see page()), and its messages serialised. */
  private latestPage: {
    key: string;
    page: { messages: Message[]; hasMore: boolean };
    json: string | null;
  } | null = null;

  private readonly sql: SqlStorage;

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
    this.search = new RoomSearch(storage);
  }

  /** Multi-statement changes are all-or-nothing, so a failure cannot leave half an event. */
  private atomically<T>(fn: () => T): T {
    return this.storage.transactionSync(fn);
  }

  /** Applies migrations and rebuilds the in-memory counters (once per object start). */
  migrate(): void {
    migrate(this.sql, ROOM_MIGRATIONS);
    this.reloadCounters();
  }

  /** Rebuilds the in-memory counters from storage (at start, and after a rolled-back batch). */
  reloadCounters(): void {
    const marks = this.sql
      .exec<{ fts_through: number; pruned_through: number }>(
        "SELECT fts_through, pruned_through FROM room WHERE id = 1",
      )
      .toArray()[0];
    this.prunedThrough = marks?.pruned_through ?? 0;
    this.search.indexedThrough = marks?.fts_through ?? 0;
    const row = this.sql
      .exec<{ m: number | null }>(
        "SELECT max(m) AS m FROM (SELECT max(seq) AS m FROM messages UNION ALL SELECT max(seq) FROM events)",
      )
      .one();
    this.lastSeq = Math.max(row.m ?? 0, this.prunedThrough);
    this.messageCount = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM messages").one().n;
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
        `INSERT INTO messages (seq, client_id, author_id, author_name, author_color, author_guest, author_username, text, created_at, reply_to)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (author_id, client_id) DO NOTHING RETURNING seq`,
        seq,
        input.clientId,
        input.author.id,
        input.author.name,
        input.author.color ?? null,
        input.author.guest ? 1 : 0,
        input.author.username ?? null,
        input.text,
        input.now,
        input.replyTo,
      )
      .toArray();
    if (inserted.length === 1) {
      this.lastSeq = seq;
      this.messageCount += 1;
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
    return { duplicate: true, message: messagesFrom(this.sql, [existing])[0] as Message };
  }

  /** Who wrote message `seq` and whether it is deleted; null when there is no such message. */
  /** The author as their latest message here shows them; null when they never posted. */
  latestAuthor(userId: string): Author | null {
    const row = this.sql
      .exec<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE author_id = ? ORDER BY seq DESC LIMIT 1`,
        userId,
      )
      .toArray()[0];
    return row ? (messagesFrom(this.sql, [row])[0]?.author ?? null) : null;
  }

  messageMeta(seq: number): { authorId: string; deleted: boolean } | null {
    const row = this.sql
      .exec<{ author_id: string; deleted: number }>(
        "SELECT author_id, deleted FROM messages WHERE seq = ?",
        seq,
      )
      .toArray()[0];
    return row ? { authorId: row.author_id, deleted: row.deleted === 1 } : null;
  }

  /** Replaces a message's text. The caller checked that it exists, is not deleted, and who may. */
  editMessage(target: number, text: string, now: number): EditEvent {
    return this.atomically(() => {
      this.sql.exec("UPDATE messages SET text = ?, edited_at = ? WHERE seq = ?", text, now, target);
      this.search.reindex(target, text);
      return this.appendEvent(
        (seq) => ({ type: "edit", seq, target, text, editedAt: now }),
        now,
        target,
      );
    });
  }

  /**
   * Marks a message deleted: it keeps its seq (so history and catch-up stay gap-free) but loses its
   * text, its reactions, its search entry and the text of earlier edit events.
   */
  deleteMessage(target: number, by: string, now: number): DeleteEvent {
    return this.atomically(() => {
      this.sql.exec("UPDATE messages SET deleted = 1, text = '' WHERE seq = ?", target);
      this.sql.exec("DELETE FROM reactions WHERE seq = ?", target);
      this.sql.exec(
        `UPDATE events SET body = json_set(body, '$.text', '')
         WHERE target = ? AND json_extract(body, '$.type') = 'edit'`,
        target,
      );
      this.search.unindex(target);
      return this.appendEvent((seq) => ({ type: "delete", seq, target, by }), now, target);
    });
  }

  /**
   * Adds `userId`'s `emoji` to message `target`, or removes it when it is there. Null when the
   * message already carries `maxDistinct` other emoji.
   */
  toggleReaction(
    target: number,
    emoji: string,
    userId: string,
    maxDistinct: number,
    now: number,
  ): ReactionEvent | null {
    return this.atomically(() => {
      const removed = this.sql
        .exec(
          "DELETE FROM reactions WHERE seq = ? AND emoji = ? AND user_id = ? RETURNING seq",
          target,
          emoji,
          userId,
        )
        .toArray().length;
      if (!removed) {
        const { kinds, present } = this.sql
          .exec<{ kinds: number; present: number }>(
            `SELECT count(DISTINCT emoji) AS kinds, coalesce(max(emoji = ?), 0) AS present
             FROM reactions WHERE seq = ?`,
            emoji,
            target,
          )
          .one();
        if (!present && kinds >= maxDistinct) return null;
        this.sql.exec(
          "INSERT INTO reactions (seq, emoji, user_id, created_at) VALUES (?, ?, ?, ?)",
          target,
          emoji,
          userId,
          now,
        );
      }
      return this.appendEvent(
        (seq) => ({ type: "reaction", seq, target, emoji, userId, on: !removed }),
        now,
        target,
      );
    });
  }

  setTopic(topic: string, by: string, now: number): TopicEvent {
    return this.atomically(() => {
      this.sql.exec("UPDATE room SET topic = ? WHERE id = 1", topic);
      return this.appendEvent((seq) => ({ type: "topic", seq, topic, by }), now);
    });
  }

  rename(name: string, by: string, now: number): RenameEvent {
    return this.atomically(() => {
      this.sql.exec("UPDATE room SET name = ? WHERE id = 1", name);
      return this.appendEvent((seq) => ({ type: "rename", seq, name, by }), now);
    });
  }

  /**
   * Removes the oldest messages beyond `cap`, at most `batch` of them, with their reactions,
   * search entries and the events up to the same seq. Seqs are never reused, and a client whose
   * last seen seq is now pruned gets a snapshot instead of a replay. Returns whether more remain.
   */
  prune(cap: number, batch: number): boolean {
    return this.atomically(() => {
      const excess = this.messageCount - cap;
      if (excess <= 0) return false;
      const take = Math.min(excess, batch);
      const cutoff = this.sql
        .exec<{ seq: number }>("SELECT seq FROM messages ORDER BY seq LIMIT 1 OFFSET ?", take - 1)
        .toArray()[0]?.seq;
      if (cutoff === undefined) return false;
      this.sql.exec("DELETE FROM reactions WHERE seq <= ?", cutoff);
      this.search.unindexThrough(cutoff);
      this.sql.exec("DELETE FROM messages WHERE seq <= ?", cutoff);
      this.sql.exec("DELETE FROM events WHERE seq <= ?", cutoff);
      this.sql.exec("UPDATE room SET pruned_through = ? WHERE id = 1", cutoff);
      this.prunedThrough = cutoff;
      this.messageCount -= take; // cutoff is the take-th oldest message
      return excess > take;
    });
  }

  /** Up to `limit` messages with seq < before, oldest first, and whether older ones exist. */
  page(before: number | undefined, limit: number): { messages: Message[]; hasMore: boolean } {
    if (before !== undefined) return this.readPage(before, limit);
    // Every change to a message or its reactions takes a new seq, and pruning moves
    // prunedThrough: while both stand still the latest page cannot have changed, so a crowd of
    // joins (or a reconnect storm) reads it once. Callers only serialise it.
    const key = `${this.lastSeq}:${this.prunedThrough}:${limit}`;
    if (this.latestPage?.key !== key)
      this.latestPage = { key, page: this.readPage(before, limit), json: null };
    return this.latestPage.page;
  }

  /** The latest page's messages as JSON, serialised once per change (for welcomes). */
  latestPageText(limit: number): { messages: string; hasMore: boolean } {
    const page = this.page(undefined, limit);
    const cached = this.latestPage as NonNullable<typeof this.latestPage>;
    cached.json ??= JSON.stringify(page.messages);
    return { messages: cached.json, hasMore: page.hasMore };
  }

  private readPage(before: number | undefined, limit: number) {
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
    return { messages: messagesFrom(this.sql, rows), hasMore };
  }

  /**
   * Every event after `since`, in seq order, or null when there are more than `max` (the client
   * should take a fresh snapshot instead). Messages are replayed in their current state.
   */
  eventsSince(since: number, max: number): RoomEvent[] | null {
    if (this.lastSeq - since > max || since < this.prunedThrough || since > this.lastSeq)
      return null;
    const rows = this.sql
      .exec<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE seq > ? ORDER BY seq LIMIT ?`,
        since,
        max + 1,
      )
      .toArray();
    const messages: RoomEvent[] = messagesFrom(this.sql, rows).map((message) => ({
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
  private appendEvent<E extends RoomEvent>(
    build: (seq: number) => E,
    now: number,
    target: number | null = null,
  ): E {
    const event = build(this.lastSeq + 1);
    this.sql.exec(
      "INSERT INTO events (seq, body, created_at, target) VALUES (?, ?, ?, ?)",
      event.seq,
      JSON.stringify(event),
      now,
      target,
    );
    this.lastSeq = event.seq;
    return event;
  }

  /** Search hits, newest first: see RoomSearch.search. */
  searchMessages(
    q: string,
    before: number | undefined,
    limit: number,
  ): { messages: Message[]; hasMore: boolean } {
    const seqs = this.search.search(q, before, limit + 1);
    const hasMore = seqs.length > limit;
    if (hasMore) seqs.pop();
    if (seqs.length === 0) return { messages: [], hasMore: false };
    const rows = this.sql
      .exec<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq DESC`,
        JSON.stringify(seqs),
      )
      .toArray();
    return { messages: messagesFrom(this.sql, rows), hasMore };
  }
}
