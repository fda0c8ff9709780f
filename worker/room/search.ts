import type { Messages } from "./messages";
import type { RoomRecord } from "./record";

/**
 * How many messages one indexing slice adds to the search index at most: a slice is one piece
 * of work the room does while its sockets wait, so it stays at a few milliseconds (FTS5 takes
 * ~10–20 µs per short message here). A search catches the index up in slices too, at once.
 */
export const INDEX_SLICE = 200;
/** Words of a query that are used; the rest are ignored. */
const MAX_TERMS = 8;

/**
 * The room's full-text index (SQLite FTS5, table `messages_fts`, rowid = message seq); the only
 * code that touches the table.
 *
 * Indexing is lazy so that a send stays one INSERT: messages up to `indexedThrough` are in the
 * index; newer ones are added in batches by an alarm job and, before answering, by every search.
 * Edits and deletes of indexed messages update the index at once.
 */
export class RoomSearch {
  /** Highest seq whose message was considered for the index (the room record's watermark). */
  indexedThrough = 0;

  private readonly sql: SqlStorage;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly messages: Messages,
    private readonly record: RoomRecord,
  ) {
    this.sql = storage.sql;
  }

  /** Indexes up to `max` messages newer than the watermark; returns whether some remain. */
  indexPending(max = INDEX_SLICE): boolean {
    const rows = this.messages.textsAfter(this.indexedThrough, max + 1);
    const more = rows.length > max;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    if (!last) return false;
    this.storage.transactionSync(() => {
      for (const row of rows) {
        if (!row.deleted)
          this.sql.exec("INSERT INTO messages_fts (rowid, text) VALUES (?, ?)", row.seq, row.text);
      }
      this.setWatermark(last.seq);
    });
    return more;
  }

  /** After an edit. Messages not yet indexed pick up their current text when they are. */
  reindex(seq: number, text: string): void {
    if (seq > this.indexedThrough) return;
    this.sql.exec("DELETE FROM messages_fts WHERE rowid = ?", seq);
    this.sql.exec("INSERT INTO messages_fts (rowid, text) VALUES (?, ?)", seq, text);
  }

  /** After a delete. */
  unindex(seq: number): void {
    if (seq <= this.indexedThrough) this.sql.exec("DELETE FROM messages_fts WHERE rowid = ?", seq);
  }

  /** After pruning everything up to `seq`. */
  unindexThrough(seq: number): void {
    this.sql.exec("DELETE FROM messages_fts WHERE rowid <= ?", seq);
    if (this.indexedThrough < seq) this.setWatermark(seq);
  }

  /**
   * Seqs of messages matching every word of `q` (as a prefix, case- and accent-insensitive),
   * newest first, below `before`. Query syntax is not exposed: words are quoted, so input such as
   * `"` or `NEAR(` is just text.
   */
  search(q: string, before: number | undefined, limit: number): number[] {
    const match = toMatchExpression(q);
    if (!match) return [];
    while (this.indexPending()) {
      // catch the index up before answering
    }
    return this.sql
      .exec<{ seq: number }>(
        `SELECT rowid AS seq FROM messages_fts WHERE messages_fts MATCH ? AND rowid < ?
         ORDER BY rowid DESC LIMIT ?`,
        match,
        before ?? Number.MAX_SAFE_INTEGER,
        limit,
      )
      .toArray()
      .map((r) => r.seq);
  }

  private setWatermark(seq: number): void {
    this.indexedThrough = seq;
    this.record.setIndexedThrough(seq);
  }
}

/** `"word"* "other"*` for the letters-and-digits runs of `q`, or null when there are none. */
export function toMatchExpression(q: string): string | null {
  const words = q.match(/[\p{L}\p{N}\p{M}]+/gu)?.slice(0, MAX_TERMS) ?? [];
  return words.length ? words.map((w) => `"${w}"*`).join(" ") : null;
}
