import { LIMITS, type Member, type PresenceStatus } from "../../protocol/index";
import { type Connection, connectionOf, markStatus, memberOf } from "./connection";

/**
 * Who is in the room. Derived from the sockets themselves (their attachments), so it survives
 * hibernation and needs no storage; the maps here are caches that may be lost with the instance.
 * Nothing in this class runs per message except `heard`, a map write.
 */
export class RoomPresence {
  /** Last typing relay per user (the server-side throttle). */
  private readonly typingAt = new Map<string, number>();
  /** Last frame per connection; with the runtime's auto-response timestamps, tells who is alive. */
  private readonly lastFrameAt = new Map<string, number>();
  /** Connections whose leave was handled when we closed them, before their close event. */
  private readonly departed = new Set<string>();
  /**
   * The member list, serialised, until the next change: a crowd of joins reads it once per
   * change instead of reading every socket's attachment for every welcome.
   */
  private membersJson: string | null = null;

  constructor(private readonly ctx: DurableObjectState) {}

  /** Everyone online, one entry per user. */
  members(): Member[] {
    return membersOf(this.ctx.getWebSockets());
  }

  /** members(), serialised; cached until changed() (joins, leaves, status and profile changes). */
  membersText(): string {
    this.membersJson ??= JSON.stringify(this.members());
    return this.membersJson;
  }

  /** Someone joined, left, or changed what the member list shows. */
  changed(): void {
    this.membersJson = null;
  }

  /** Whether the user has an open socket here (checked before their new one is accepted). */
  isHere(userId: string): boolean {
    return memberAcross(this.ctx.getWebSockets(userId)) !== null;
  }

  /** A frame arrived on this connection. */
  heard(cid: string, now: number): void {
    this.lastFrameAt.set(cid, now);
  }

  /** Whether a typing frame from this user should be relayed now (else it is dropped). */
  typing(userId: string, now: number): boolean {
    const last = this.typingAt.get(userId);
    if (last !== undefined && now - last < LIMITS.typingThrottleMs) return false;
    this.typingAt.set(userId, now);
    return true;
  }

  /** Records a socket's status; returns the user's combined presence when it changed, else null. */
  setStatus(ws: WebSocket, conn: Connection, status: PresenceStatus, now: number): Member | null {
    const sockets = this.ctx.getWebSockets(conn.id);
    const before = memberAcross(sockets);
    markStatus(ws, conn, status, now);
    this.changed();
    const after = memberAcross(sockets);
    return after && after.status !== before?.status ? after : null;
  }

  /**
   * Forgets a connection. Returns the member to announce as left when it was the user's last open
   * socket, else null. `final` is the runtime's close event: when we closed the socket ourselves
   * (`final` false), that event comes later and must not announce the leave twice.
   */
  leave(ws: WebSocket, conn: Connection, final: boolean, now: number): Member | null {
    this.changed();
    if (this.departed.has(conn.cid)) {
      if (final) this.departed.delete(conn.cid);
      return null;
    }
    if (!final) this.departed.add(conn.cid);
    this.lastFrameAt.delete(conn.cid);
    if (memberAcross(this.ctx.getWebSockets(conn.id), ws)) return null;
    this.typingAt.delete(conn.id);
    return { ...memberOf(conn), lastSeen: now };
  }

  /**
   * Open sockets with no sign of life since `cutoff`: no keep-alive answered by the runtime and
   * no frame. A peer can vanish without its close ever reaching us.
   */
  stale(cutoff: number): WebSocket[] {
    return this.ctx.getWebSockets().filter((ws) => {
      const conn = connectionOf(ws);
      if (!conn || ws.readyState !== WebSocket.OPEN) return false;
      const pinged = this.ctx.getWebSocketAutoResponseTimestamp(ws)?.getTime() ?? 0;
      return Math.max(pinged, conn.lastSeen, this.lastFrameAt.get(conn.cid) ?? 0) < cutoff;
    });
  }

  /** Whether any socket is still open (the sweep repeats only then). */
  anyoneHere(): boolean {
    return this.ctx.getWebSockets().some((ws) => ws.readyState === WebSocket.OPEN);
  }
}

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
function memberAcross(sockets: WebSocket[], except?: WebSocket): Member | null {
  return membersOf(sockets, except)[0] ?? null;
}
