import type { RoomClient } from "../realtime/client";
import { snapshotOf } from "../realtime/snapshot";
import type { RoomState } from "../realtime/state";
import { forgetRoom, writeRoom } from "./store";

/** A busy room is saved at most this often; a quiet one this long after its last change. */
const SAVE_AFTER_MS = 400;
const SAVE_AT_LEAST_EVERY_MS = 3000;

/**
 * Keeps a room's cached copy current while it is open: a snapshot after changes (debounced),
 * at once when the page is hidden or left, and only of states the server confirmed in this
 * page (before that the cache already holds what is shown). A room that shut us out for good
 * (left, removed, banned, gone) is dropped from the cache. Returns the stop function.
 */
export function keepRoomCached(client: RoomClient, userId: string): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirtySince = 0;
  let saved: RoomState | null = null;

  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    dirtySince = 0;
    const state = client.getState();
    if (!client.confirmed || state === saved) return;
    saved = state;
    const snapshot = snapshotOf(client.roomId, state, Date.now());
    if (snapshot) void writeRoom(userId, snapshot);
  };

  let last = client.getState();
  const unsubscribe = client.subscribe(() => {
    const state = client.getState();
    const prev = last;
    last = state;
    if (state.connection.status === "closed") {
      clearTimeout(timer);
      // A sign-out drops the whole cache elsewhere; the rest shut this user out of this room.
      void forgetRoom(userId, client.roomId);
      return;
    }
    const changed =
      state.lastSeq !== prev.lastSeq ||
      state.messages !== prev.messages ||
      state.members !== prev.members ||
      state.room !== prev.room;
    if (!changed || !client.confirmed) return;
    const now = Date.now();
    dirtySince ||= now;
    clearTimeout(timer);
    const wait = Math.min(SAVE_AFTER_MS, dirtySince + SAVE_AT_LEAST_EVERY_MS - now);
    timer = setTimeout(save, Math.max(0, wait));
  });

  const onHide = () => {
    if (document.visibilityState === "hidden" && timer !== undefined) save();
  };
  document.addEventListener("visibilitychange", onHide);
  addEventListener("pagehide", save);
  return () => {
    unsubscribe();
    document.removeEventListener("visibilitychange", onHide);
    removeEventListener("pagehide", save);
    if (timer !== undefined) save();
  };
}
