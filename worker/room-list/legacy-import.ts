import type { LegacyRoomList } from "../user/legacy-room-list";
import type { RoomListStore } from "./store";

/**
 * Copies a user's room list from where the previous version kept it (a User object named
 * `rooms:<userId>`, see user/legacy-room-list.ts) into this RoomList object, once: the first
 * time the object opens. Later opens only read one key.
 */

/** Set in the same transaction as the copy: the old object has been read (or had nothing). */
const ADOPTED = "room-list:legacy-adopted";

/**
 * The two calls an old room list answers. They are protected on the User class so the User
 * stub type does not offer them; this is the one place that names them.
 */
type LegacyRoomListSource = {
  exportRoomList(): Promise<LegacyRoomList | null>;
  dropRoomList(): Promise<void>;
};

function legacySource(env: Env, userId: string): LegacyRoomListSource {
  const stub = env.USERS.get(env.USERS.idFromName(`rooms:${userId}`));
  // The methods exist on the object (protected only in TypeScript); see User.exportRoomList.
  return stub as unknown as LegacyRoomListSource;
}

export async function adoptLegacyRoomList(
  storage: DurableObjectStorage,
  store: RoomListStore,
  env: Env,
  userId: string,
): Promise<void> {
  if (storage.kv.get(ADOPTED) !== undefined) return;
  const source = legacySource(env, userId);
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
