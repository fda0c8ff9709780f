import { useCallback, useRef } from "react";
import type { Message } from "../../../protocol";
import { profileLink } from "./profile-link";
import type { RoomState } from "./realtime/state";

/**
 * Lookups the posts need (a user's name, an author's page, a quoted post). They read the latest
 * state through a ref, so they stay the same functions while posts arrive and the memoised posts
 * of a long room re-render only when they change themselves.
 */
export function useRoomLookups(state: RoomState) {
  const latest = useRef(state);
  latest.current = state;
  const nameOf = useCallback((id: string) => {
    const s = latest.current;
    const member = s.members.find((m) => m.id === id);
    if (member) return member.name;
    return s.messages.findLast((m) => m.author.id === id)?.author.name ?? "someone";
  }, []);
  const profileOf = useCallback((author: Message["author"]) => {
    if (author.guest || author.username) return profileLink(author);
    // A post stored before authors carried usernames: the members list may know it.
    const member = latest.current.members.find((m) => m.id === author.id);
    return member
      ? profileLink({ ...author, username: member.username, guest: member.guest })
      : null;
  }, []);
  const quoted = useCallback((seq: number) => findBySeq(latest.current.messages, seq), []);
  return { nameOf, profileOf, quoted };
}

/** Binary search: messages are ordered by seq. */
function findBySeq(list: Message[], seq: number): Message | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = list[mid];
    if (!m) break;
    if (m.seq === seq) return m;
    if (m.seq < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
