import type { Me } from "../../protocol";
import type { ProfileChange } from "../room/connection";
import type { SessionGrant } from "../user/user";
import { eachJoinedRoom } from "./joined-rooms";

/**
 * The profile (or guest flag) changed: every room where the user is connected shows it now.
 * `session`: the session the user's sockets belong to from now on, with its expiry (a guest
 * that became an account).
 */
export async function spreadProfile(env: Env, me: Me, session?: SessionGrant): Promise<void> {
  const profile: ProfileChange = { name: me.name, color: me.color, guest: me.guest };
  if (me.username) profile.username = me.username;
  if (session) profile.session = { sid: session.sid, exp: session.expiresAt };
  await eachJoinedRoom(env, me.id, (room) => room.applyProfile(me.id, profile));
}
