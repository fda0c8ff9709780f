import type { Member } from "../protocol";
import { connectionOf, memberOf } from "./room-connection";

/**
 * Presence is derived from the sockets themselves (their attachments), so it survives hibernation
 * and never needs storage. These run on connect, leave and status changes, never per message.
 */

/** One entry per user (a user with three tabs counts once); online wins over idle. */
export function membersOf(sockets: Iterable<WebSocket>, except?: WebSocket): Member[] {
  const byUser = new Map<string, Member>();
  for (const ws of sockets) {
    if (ws === except || ws.readyState !== WebSocket.OPEN) continue;
    const conn = connectionOf(ws);
    if (!conn) continue;
    const member = memberOf(conn);
    const seen = byUser.get(conn.id);
    if (!seen) {
      byUser.set(conn.id, member);
      continue;
    }
    if (member.status === "online") seen.status = "online";
    seen.lastSeen = Math.max(seen.lastSeen, member.lastSeen);
  }
  return [...byUser.values()];
}

/** The user's presence across the given sockets (all theirs), or null when none is open. */
export function memberAcross(sockets: WebSocket[], except?: WebSocket): Member | null {
  return membersOf(sockets, except)[0] ?? null;
}
