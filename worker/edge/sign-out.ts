import { roomListStub, userStub } from "../stubs";
import { eachJoinedRoom } from "./joined-rooms";

/**
 * Ends session `sid` of the identity in User object `key` (null: all of its sessions) and closes
 * the sockets opened with it in every room the user joined (close code 4401). The session is
 * revoked first, so a socket that reconnects is refused; then the room list records the ended
 * sessions and names the rooms in one call, so a join racing with this is caught on one side or
 * the other (edge/remember-join.ts).
 */
export async function signOut(
  env: Env,
  who: { uid: string; key: string },
  sid: string | null,
): Promise<void> {
  const user = userStub(env, who.key);
  let ended: string[];
  if (sid === null) ended = await user.endAllSessions();
  else {
    await user.endSession(sid);
    ended = [sid];
  }
  await eachJoinedRoom(
    env,
    who.uid,
    (room) => room.signOut(who.uid, sid),
    () => roomListStub(env, who.uid).signedOut(ended),
  );
}
