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
