import { CLOSE_SIGNED_OUT, type Member } from "../../protocol/index";
import { connectionOf } from "./connection";
import { membersOf } from "./presence";
import { closeSockets } from "./sockets";

/**
 * What a user's identity looks like in a room; changed by PATCH /api/me or a guest upgrade. A
 * guest upgrade also moves the sockets to the account's new session (`sid`, expiring at `exp`,
 * ms since the epoch): a guest has one session, and its sockets must close when the account
 * signs out of that browser, or when that session expires, not when the guest's would have.
 */
export type ProfileChange = {
  name: string;
  color: string;
  guest: boolean;
  session?: { sid: string; exp: number };
};

export const SIGNED_OUT_REASON = "Signed out";

/**
 * Closes the sockets opened with session `sid` (null: every session) among one user's sockets,
 * with CLOSE_SIGNED_OUT. Returns the sockets closed, for the room's own bookkeeping (presence
 * leave). Sockets accepted before sessions were recorded on them carry no sid and only close on
 * "everywhere".
 */
export function closeSignedOut(sockets: WebSocket[], sid: string | null): WebSocket[] {
  const mine = sid === null ? sockets : sockets.filter((ws) => connectionOf(ws)?.sid === sid);
  return closeSockets(mine, CLOSE_SIGNED_OUT, SIGNED_OUT_REASON);
}

/**
 * Rewrites the identity in the attachments of one user's sockets, so frames they send from now
 * on carry the new name and colour (stored messages keep the name they were sent with). Returns
 * the user's presence entry to announce, or null when nothing changed or no socket is open.
 */
export function applyProfile(sockets: WebSocket[], profile: ProfileChange): Member | null {
  let changed = false;
  for (const ws of sockets) {
    const conn = connectionOf(ws);
    if (!conn) continue;
    const shown =
      conn.name !== profile.name || conn.color !== profile.color || conn.guest !== profile.guest;
    const moved =
      profile.session !== undefined &&
      (conn.sid !== profile.session.sid || conn.exp !== profile.session.exp);
    if (!shown && !moved) continue;
    ws.serializeAttachment({
      ...conn,
      name: profile.name,
      color: profile.color,
      guest: profile.guest,
      ...profile.session,
    });
    changed ||= shown;
  }
  return changed ? (membersOf(sockets)[0] ?? null) : null;
}
