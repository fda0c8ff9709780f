import type { Member } from "../../protocol/index";
import { changeIdentity, connectionOf, type ProfileChange } from "./connection";
import { membersOf } from "./presence";

export const SIGNED_OUT_REASON = "Signed out";

/**
 * The sockets opened with session `sid` (null: every session) among one user's sockets, to be
 * closed with CLOSE_SIGNED_OUT. Sockets accepted before sessions were recorded on them carry no
 * sid and only close on "everywhere".
 */
export function signedOut(sockets: WebSocket[], sid: string | null): WebSocket[] {
  return sid === null ? sockets : sockets.filter((ws) => connectionOf(ws)?.sid === sid);
}

/**
 * Puts a changed profile on one user's sockets. Returns the user's presence entry to announce,
 * or null when nothing others see changed or no socket is open.
 */
export function applyProfile(sockets: WebSocket[], profile: ProfileChange): Member | null {
  let changed = false;
  for (const ws of sockets) {
    const conn = connectionOf(ws);
    if (conn && changeIdentity(ws, conn, profile)) changed = true;
  }
  return changed ? (membersOf(sockets)[0] ?? null) : null;
}
