import type {
  DeleteEvent,
  EditEvent,
  Message,
  ReactionEvent,
  RenameEvent,
  RoomEvent,
  TopicEvent,
} from "../../protocol/index";
import { migrate } from "../migrations";
import { EventLog } from "./events";
import { Messages, type NewMessage } from "./messages";
import { Reactions } from "./reactions";
import { RoomRecord } from "./record";
import { ROOM_MIGRATIONS } from "./schema";
import { RoomSearch } from "./search";

type Page = { messages: Message[]; hasMore: boolean };

/**
 * The room's history as one ordered sequence: every message and every change takes the next
 * seq. Hands out seqs, keeps the counters, and makes each change one transaction over the tables
 * it touches (their owners: messages.ts, reactions.ts, events.ts, record.ts, search.ts). No
 * socket code here.
 */
export class Timeline {
  /** Highest seq handed out; the next event gets lastSeq + 1. */
  lastSeq = 0;
  /** Stored messages (deleted ones included): the retention cap counts these. */
  messageCount = 0;
  /** Everything up to this seq was removed by the retention cap; catch-up cannot start earlier. */
  prunedThrough = 0;
  readonly record: RoomRecord;
  readonly messages: Messages;
  readonly search: RoomSearch;
  private readonly events: EventLog;
  private readonly reactions: Reactions;
  /** The latest page of timeline as of `key` (see page()), and its messages serialised. */
  private latestPage: { key: string; page: Page; json: string | null } | null = null;

  constructor(private readonly storage: DurableObjectStorage) {
    const sql = storage.sql;
    this.record = new RoomRecord(sql);
    this.reactions = new Reactions(sql);
    this.messages = new Messages(sql, this.reactions);
    this.events = new EventLog(sql);
    this.search = new RoomSearch(storage, this.messages, this.record);
  }

  /** Multi-statement changes are all-or-nothing, so a failure cannot leave half an event. */
  private atomically<T>(fn: () => T): T {
    return this.storage.transactionSync(fn);
  }

  /** Applies migrations and rebuilds the in-memory counters (once per object start). */
  migrate(): void {
    migrate(this.storage.sql, ROOM_MIGRATIONS);
    this.reloadCounters();
  }

  /** Rebuilds the in-memory counters from storage (at start, and after a rolled-back batch). */
  reloadCounters(): void {
    const marks = this.record.watermarks();
    this.prunedThrough = marks.prunedThrough;
    this.search.indexedThrough = marks.indexedThrough;
    const last = Math.max(this.messages.maxSeq() ?? 0, this.events.maxSeq() ?? 0);
    this.lastSeq = Math.max(last, this.prunedThrough);
    this.messageCount = this.messages.count();
  }

  /**
   * Stores a message once per (author, clientId). A resend returns the stored message and
   * `duplicate: true` without writing.
   */
  insertMessage(input: NewMessage): { message: Message; duplicate: boolean } {
    const seq = this.lastSeq + 1;
    if (!this.messages.insert(seq, input)) {
      return {
        duplicate: true,
        message: this.messages.byClientId(input.author.id, input.clientId),
      };
    }
    this.lastSeq = seq;
    this.messageCount += 1;
    const { clientId, author, text, replyTo, now } = input;
    return {
      duplicate: false,
      message: {
        seq,
        clientId,
        author,
        text,
        createdAt: now,
        replyTo,
        editedAt: null,
        deleted: false,
        reactions: [],
      },
    };
  }

  /** Replaces a message's text. The caller checked that it exists, is not deleted, and who may. */
  editMessage(target: number, text: string, now: number): EditEvent {
    return this.atomically(() => {
      this.messages.setText(target, text, now);
      this.search.reindex(target, text);
      return this.append(
        (seq) => ({ type: "edit", seq, target, text, editedAt: now }),
        now,
        target,
      );
    });
  }

  /**
   * Marks a message deleted: it keeps its seq (so timeline and catch-up stay gap-free) but loses its
   * text, its reactions, its search entry and the text of earlier edit events.
   */
  deleteMessage(target: number, by: string, now: number): DeleteEvent {
    return this.atomically(() => {
      this.messages.markDeleted(target);
      this.events.scrubEdits(target);
      this.search.unindex(target);
      return this.append((seq) => ({ type: "delete", seq, target, by }), now, target);
    });
  }

  /**
   * Adds `userId`'s `emoji` to message `target`, or removes it when it is there. Null when the
   * message already carries `maxDistinct` other emoji.
   */
  toggleReaction(target: number, emoji: string, userId: string, maxDistinct: number, now: number) {
    return this.atomically((): ReactionEvent | null => {
      const on = this.reactions.toggle(target, emoji, userId, maxDistinct, now);
      if (on === null) return null;
      return this.append(
        (seq) => ({ type: "reaction", seq, target, emoji, userId, on }),
        now,
        target,
      );
    });
  }

  setTopic(topic: string, by: string, now: number): TopicEvent {
    return this.atomically(() => {
      this.record.setTopic(topic);
      return this.append((seq) => ({ type: "topic", seq, topic, by }), now);
    });
  }

  rename(name: string, by: string, now: number): RenameEvent {
    return this.atomically(() => {
      this.record.setName(name);
      return this.append((seq) => ({ type: "rename", seq, name, by }), now);
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
      const cutoff = this.messages.nthOldest(take);
      if (cutoff === undefined) return false;
      this.search.unindexThrough(cutoff);
      this.messages.deleteThrough(cutoff);
      this.events.deleteThrough(cutoff);
      this.record.setPrunedThrough(cutoff);
      this.prunedThrough = cutoff;
      this.messageCount -= take; // cutoff is the take-th oldest message
      return excess > take;
    });
  }

  /** Up to `limit` messages with seq < before, oldest first, and whether older ones exist. */
  page(before: number | undefined, limit: number): Page {
    if (before !== undefined) return this.messages.page(before, limit);
    // Every change to a message or its reactions takes a new seq, and pruning moves
    // prunedThrough: while both stand still the latest page cannot have changed, so a crowd of
    // joins (or a reconnect storm) reads it once. Callers only serialise it.
    const key = `${this.lastSeq}:${this.prunedThrough}:${limit}`;
    if (this.latestPage?.key !== key)
      this.latestPage = { key, page: this.messages.page(undefined, limit), json: null };
    return this.latestPage.page;
  }

  /** The latest page's messages as JSON, serialised once per change (for welcomes). */
  latestPageText(limit: number): { messages: string; hasMore: boolean } {
    const page = this.page(undefined, limit);
    const cached = this.latestPage as NonNullable<typeof this.latestPage>;
    cached.json ??= JSON.stringify(page.messages);
    return { messages: cached.json, hasMore: page.hasMore };
  }

  /**
   * Every event after `since`, in seq order, or null when there are more than `max` (the client
   * should take a fresh snapshot instead). Messages are replayed in their current state.
   */
  eventsSince(since: number, max: number): RoomEvent[] | null {
    if (this.lastSeq - since > max || since < this.prunedThrough || since > this.lastSeq)
      return null;
    const messages: RoomEvent[] = this.messages
      .after(since, max + 1)
      .map((message) => ({ type: "message", seq: message.seq, message }));
    const all = [...messages, ...this.events.since(since, max + 1)].sort((a, b) => a.seq - b.seq);
    return all.length > max ? null : all;
  }

  /** Search hits, newest first: see RoomSearch.search. */
  searchMessages(q: string, before: number | undefined, limit: number): Page {
    const seqs = this.search.search(q, before, limit + 1);
    const hasMore = seqs.length > limit;
    if (hasMore) seqs.pop();
    if (seqs.length === 0) return { messages: [], hasMore: false };
    return { messages: this.messages.bySeqs(seqs), hasMore };
  }

  /** Appends a non-message event; the caller applies its effect in the same transaction. */
  private append<E extends RoomEvent>(
    build: (seq: number) => E,
    now: number,
    target = null as number | null,
  ): E {
    const event = build(this.lastSeq + 1);
    this.events.append(event, now, target);
    this.lastSeq = event.seq;
    return event;
  }
}
