import type { RoomInfo } from "../../protocol/index";
import { roomListStub } from "../stubs";
import type { Admission } from "./access";

/**
 * A direct message is a private room of exactly two members, whose id is derived from the pair
 * (edge/dm-id.ts). The pair is kept in the room's KV; the room admits no one else, whatever invite they
 * hold, and has no owner (nobody can rename it, rotate an invite or remove the other).
 */
const PAIR = "dm:pair";

export function dmPair(storage: DurableObjectStorage): readonly [string, string] | null {
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

/** The DM room's info for a new conversation, and the pair to record with it. */
export function newDm(
  storage: DurableObjectStorage,
  id: string,
  a: string,
  b: string,
  now: number,
) {
  storage.kv.put(PAIR, a < b ? [a, b] : [b, a]);
  const info: RoomInfo = {
    id,
    name: "Direct message",
    topic: "",
    visibility: "private",
    ownerId: null,
    createdAt: now,
  };
  return info;
}
