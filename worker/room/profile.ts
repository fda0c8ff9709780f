import type { Member } from "../../protocol/index";
import { changeIdentity, connectionOf, type ProfileChange } from "./connection";
import { membersOf } from "./presence";

/**
 * A user changed name or colour (or became an account): puts the new profile on their sockets.
 * Returns the user's presence entry to announce, or null when nothing others see changed or no
 * socket is open.
 */
export function applyProfile(sockets: WebSocket[], profile: ProfileChange): Member | null {
  let changed = false;
  for (const ws of sockets) {
    const conn = connectionOf(ws);
    if (conn && changeIdentity(ws, conn, profile)) changed = true;
  }
  return changed ? (membersOf(sockets)[0] ?? null) : null;
}
