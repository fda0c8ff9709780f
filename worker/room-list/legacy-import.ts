import { legacyRoomListStub } from "../stubs";
import type { RoomListStore } from "./store";

/**
 * Copies a user's room list from where the previous version kept it (a User object named
 * `rooms:<userId>`, see user/legacy-room-list.ts) into this RoomList object, once: the first
 * time the object opens. Later opens only read one key.
 */

/** Set in the same transaction as the copy: the old object has been read (or had nothing). */
const ADOPTED = "room-list:legacy-adopted";

export async function adoptLegacyRoomList(
  storage: DurableObjectStorage,
  store: RoomListStore,
  env: Env,
  userId: string,
): Promise<void> {
  if (storage.kv.get(ADOPTED) !== undefined) return;
  const source = legacyRoomListStub(env, userId);
  const old = await source.exportRoomList();
  storage.transactionSync(() => {
    if (old) store.adopt(old);
    storage.kv.put(ADOPTED, Date.now());
  });
  if (!old) return;
  // The copy is committed; a failure here only leaves the old (now unused) object behind.
  await source.dropRoomList().catch((err: unknown) => {
    console.error(
      JSON.stringify({ level: "error", what: "drop old room list", userId, error: String(err) }),
    );
  });
}
