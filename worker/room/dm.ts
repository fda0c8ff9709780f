import type { RoomInfo } from "../../protocol/index";
import { roomListStub } from "../stubs";
import type { Admission, RoomAccess } from "./access";
import type { RoomRecord } from "./record";

/**
 * A direct message is a private room of exactly two members, whose id is derived from the pair
 * (edge/dm-id.ts). The pair is kept in the room's KV; the room admits no one else, whatever invite they
 * hold, and has no owner (nobody can rename it, rotate an invite or remove the other).
 */
const PAIR = "dm:pair";

function dmPair(storage: DurableObjectStorage): readonly [string, string] | null {
  return storage.kv.get<[string, string]>(PAIR) ?? null;
}

export const DM_REFUSAL: Admission = {
  ok: false,
  code: "forbidden",
  message: "This is a private conversation between two people",
};

/** Whether `userId` may enter: anyone for an ordinary room, only the pair for a DM. */
export function dmAdmits(storage: DurableObjectStorage, userId: string): boolean {
  const pair = dmPair(storage);
  return pair === null || pair.includes(userId);
}

/**
 * One of the pair renamed: the other's room list names the conversation after them, so it is
 * updated at once (renames are rare; a list read never has to look names up). No-op elsewhere.
 */
export async function renameForPeer(
  env: Env,
  storage: DurableObjectStorage,
  roomId: string,
  userId: string,
  name: string,
): Promise<void> {
  const pair = dmPair(storage);
  const other = pair?.find((id) => id !== userId);
  if (pair?.includes(userId) && other)
    await roomListStub(env, other).renameDmPeer(roomId, userId, name);
}

/**
 * Opens the direct conversation of `a` and `b` in this room; idempotent. Null when the id is
 * taken by something else, which a derived id makes practically impossible.
 */
export function openDm(
  storage: DurableObjectStorage,
  record: RoomRecord,
  access: RoomAccess,
  dm: { id: string; a: string; b: string },
): RoomInfo | null {
  const { id, a, b } = dm;
  const existing = record.info();
  if (existing) {
    const pair = dmPair(storage);
    return pair?.includes(a) && pair.includes(b) ? existing : null;
  }
  storage.kv.put(PAIR, a < b ? [a, b] : [b, a]);
  const info: RoomInfo = {
    id,
    name: "Direct message",
    topic: "",
    visibility: "private",
    ownerId: null,
    createdAt: Date.now(),
  };
  record.create(info);
  // Members enter a private room without an invite; a DM never gets an invite token.
  access.addMember(a);
  access.addMember(b);
  return info;
}
