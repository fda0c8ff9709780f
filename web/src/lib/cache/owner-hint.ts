/**
 * Whose data this browser's cache holds, kept in localStorage so the first script can tell
 * synchronously (before any request) whether there is a cache to open and whose. Every tab
 * shares it: a tab whose user no longer owns the cache stops writing to it.
 */
const OWNER_KEY = "parley:cache-owner";

export function cacheOwner(): string | null {
  try {
    return localStorage.getItem(OWNER_KEY);
  } catch {
    return null;
  }
}

export function setCacheOwner(userId: string | null): void {
  try {
    if (userId === null) localStorage.removeItem(OWNER_KEY);
    else localStorage.setItem(OWNER_KEY, userId);
  } catch {
    // no storage: no cache either (every write fails the owner check)
  }
}

/** Whether `userId` may write the cache: they own it (a sign-out elsewhere ends that). */
export function owns(userId: string): boolean {
  return cacheOwner() === userId;
}

/**
 * Each cached room's `lastSeq`, mirrored in localStorage once its copy is written, so the first
 * script can open the room's socket with the right `since` at once instead of after reading
 * the cache. Only a hint: the client takes that socket over only when it matches the copy it
 * really shows (otherwise it opens another), so a stale hint costs a reconnect, never a post.
 */
const SEQS_KEY = "parley:cache-seqs";

export function cachedSeqs(): Record<string, number> {
  try {
    const v = JSON.parse(localStorage.getItem(SEQS_KEY) ?? "{}") as unknown;
    return v && typeof v === "object" ? (v as Record<string, number>) : {};
  } catch {
    return {};
  }
}

export function setCachedSeq(roomId: string, seq: number | null): void {
  const seqs = cachedSeqs();
  if (seq === null) delete seqs[roomId];
  else seqs[roomId] = seq;
  try {
    localStorage.setItem(SEQS_KEY, JSON.stringify(seqs));
  } catch {
    // full or disabled: the socket then waits for the cache read
  }
}

export function forgetCachedSeqs(): void {
  try {
    localStorage.removeItem(SEQS_KEY);
  } catch {
    // nothing to remove
  }
}
