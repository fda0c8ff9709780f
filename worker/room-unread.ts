import { UNREAD_CAP } from "../protocol";

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

/**
 * A user's unread state in one room, read from the room's tables (room-schema.ts): messages by
 * others after the read marker that are not deleted, capped at UNREAD_CAP so the cost is bounded
 * however far behind the user is; `mentioned` when one of them contains @name.
 */
export function unreadIn(sql: SqlStorage, q: UnreadQuery, lastSeq: number): UnreadState {
  const rows = sql
    .exec<{ text: string }>(
      `SELECT text FROM messages WHERE seq > ? AND author_id != ? AND deleted = 0
       ORDER BY seq LIMIT ?`,
      q.readSeq,
      q.userId,
      UNREAD_CAP,
    )
    .toArray();
  const mention = mentionPattern(q.names);
  const last = sql
    .exec<{ created_at: number }>("SELECT created_at FROM messages ORDER BY seq DESC LIMIT 1")
    .toArray()[0];
  return {
    unread: rows.length,
    mentioned: mention !== null && rows.some((r) => mention.test(r.text)),
    lastSeq,
    lastActivity: last?.created_at ?? null,
  };
}

/** `@name` not followed by another name character, case-insensitive; null without names. */
export function mentionPattern(names: string[]): RegExp | null {
  const alternatives = names
    .map((n) => n.trim())
    .filter((n) => n.length > 0)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (alternatives.length === 0) return null;
  return new RegExp(`@(?:${alternatives.join("|")})(?![\\p{L}\\p{N}_-])`, "iu");
}
