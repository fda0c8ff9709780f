import { mentionPattern, UNREAD_CAP } from "../../protocol/index";
import type { Messages } from "./messages";

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
 * A user's unread state in one room: messages by others after the read marker that are not
 * deleted, counted up to UNREAD_CAP so the cost is bounded however far behind the user is;
 * `mentioned` when one of the newest of them with an "@" names the user. A room the user has read
 * through costs one indexed row read; one far behind reads at most UNREAD_CAP rows twice.
 */
export function unreadIn(messages: Messages, q: UnreadQuery, lastSeq: number): UnreadState {
  const state = { unread: 0, mentioned: false, lastSeq, lastActivity: messages.lastActivity() };
  if (q.readSeq >= lastSeq) return state;
  state.unread = messages.countUnread(q.readSeq, q.userId, UNREAD_CAP);
  const mention = mentionPattern(q.names);
  if (state.unread > 0 && mention) {
    state.mentioned = messages
      .unreadWithAt(q.readSeq, q.userId, UNREAD_CAP, MENTION_SCAN)
      .some((text) => mention.test(text));
  }
  return state;
}
