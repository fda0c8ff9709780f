import type { Me } from "../../protocol/index";
import { roomListStub, userStub } from "../stubs";

/**
 * The current profile of user `userId`, or null when no such identity exists (never did, or a
 * guest that has been forgotten). Identities are stored under their username or `guest:<id>`,
 * not their id, so the user's RoomList object (named by the id) records which User object holds
 * it (at creation, at login, and at every join for identities older than the record), and that
 * object has the final say.
 */
export async function findUser(env: Env, userId: string): Promise<Me | null> {
  const key = await roomListStub(env, userId).identityKey();
  if (key === null) return null;
  return userStub(env, key).identity(userId);
}
