import type { Me } from "../../protocol";
import type { ProfileChange } from "../room/connection";
import { eachJoinedRoom } from "../room-list/room-fanout";
import { roomListStub, userStub } from "../stubs";
import type { SessionGrant } from "../user/user";

/**
 * Ends session `sid` of the identity in User object `key` (null: all of its sessions) and closes
 * the sockets opened with it in every room the user joined (close code 4401). The session is
 * revoked first, so a socket that reconnects is refused; then the room list records the ended
 * sessions and names the rooms in one call, so a join racing with this is caught on one side or
 * the other (room-list/remember-join.ts).
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

/**
 * The profile (or guest flag) changed: every room where the user is connected shows it now.
 * `session`: the session the user's sockets belong to from now on, with its expiry (a guest
 * that became an account).
 */
export async function spreadProfile(env: Env, me: Me, session?: SessionGrant): Promise<void> {
  const profile: ProfileChange = { name: me.name, color: me.color, guest: me.guest };
  if (session) profile.session = { sid: session.sid, exp: session.expiresAt };
  await eachJoinedRoom(env, me.id, (room) => room.applyProfile(me.id, profile));
}
