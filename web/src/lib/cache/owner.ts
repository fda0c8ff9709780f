import { forgetVisitedRooms } from "../prefs";
import { OUTBOX_KEY_PREFIX } from "../realtime/outbox";
import { deleteCaches } from "./db";
import { cacheOwner, forgetCachedSeqs, setCacheOwner } from "./owner-hint";
import { forgetMemory } from "./store";

/** Longest a sign-out waits for other tabs to let go of the database. */
const DELETE_WAIT_MS = 1500;

/**
 * `userId` is the verified user of this browser now: the cache becomes theirs. Another user's
 * data (an account switch) is deleted first, together with this tab's unsent posts and visited
 * rooms, so nothing of theirs is ever shown to the next one.
 */
export async function claimCache(userId: string): Promise<void> {
  const owner = cacheOwner();
  if (owner === userId) return;
  await forget(userId, owner);
  setCacheOwner(userId);
}

/** Nobody is signed in (sign-out, an ended session): the cache and traces go. */
export async function dropCache(): Promise<void> {
  const owner = cacheOwner();
  setCacheOwner(null);
  await forget(undefined, owner);
}

async function forget(keep: string | undefined, owner: string | null) {
  forgetMemory();
  forgetCachedSeqs();
  forgetVisitedRooms();
  forgetOutboxes();
  const deleted = deleteCaches(keep, owner ? [owner] : []);
  await Promise.race([deleted, new Promise((r) => setTimeout(r, DELETE_WAIT_MS))]);
}

/** This tab's unsent posts (other tabs' are keyed by their user and never sent as another). */
function forgetOutboxes() {
  try {
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith(OUTBOX_KEY_PREFIX)) sessionStorage.removeItem(key);
    }
  } catch {
    // storage disabled: nothing was kept
  }
}
