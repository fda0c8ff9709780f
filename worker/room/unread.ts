import { mentionPattern, UNREAD_CAP } from "../../protocol/index";

export type UnreadQuery = {
  userId: string;
  /** Names that mention the user: display name and, for accounts, the username. */
  names: string[];
  readSeq: number;
};

export type UnreadState = {
  unread: number;
  mentioned: boolean;
  lastSeq: number;
  lastActivity: number | null;
};

/** Of the newest UNREAD_CAP unread messages, at most this many with an "@" are tested. */
const MENTION_SCAN = 200;

/**
 * A user's unread state in one room, read from the room's tables (room/schema.ts): messages by
 * others after the read marker that are not deleted, counted up to UNREAD_CAP so the cost is
 * bounded however far behind the user is; `mentioned` when one of the newest of them with an
 * "@" names the user. A room the user has read through costs one indexed row read; one far
 * behind reads at most UNREAD_CAP rows twice.
 */
export function unreadIn(sql: SqlStorage, q: UnreadQuery, lastSeq: number): UnreadState {
  const last = sql
    .exec<{ created_at: number }>("SELECT created_at FROM messages ORDER BY seq DESC LIMIT 1")
    .toArray()[0];
  const state = { unread: 0, mentioned: false, lastSeq, lastActivity: last?.created_at ?? null };
  if (q.readSeq >= lastSeq) return state;
  state.unread = sql
    .exec<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM messages
         WHERE seq > ? AND author_id != ? AND deleted = 0 LIMIT ?)`,
      q.readSeq,
      q.userId,
      UNREAD_CAP,
    )
    .one().n;
  const mention = mentionPattern(q.names);
  if (state.unread > 0 && mention) {
    state.mentioned = sql
      .exec<{ text: string }>(
        `SELECT text FROM (
           SELECT text FROM messages WHERE seq > ? AND author_id != ? AND deleted = 0
           ORDER BY seq DESC LIMIT ?)
         WHERE instr(text, '@') > 0 LIMIT ?`,
        q.readSeq,
        q.userId,
        UNREAD_CAP,
        MENTION_SCAN,
      )
      .toArray()
      .some((r) => mention.test(r.text));
  }
  return state;
}
