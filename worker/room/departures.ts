import { CLOSE_SIGNED_OUT, LIMITS, type ServerFrame } from "../../protocol/index";
import { connectionOf, markClosed } from "./connection";
import type { LobbyReporter } from "./lobby-report";
import type { RoomPresence } from "./presence";
import type { ReadMarkers } from "./read-markers";
import type { RoomLog } from "./room-log";
import type { RoomSender } from "./sender";

/** The stale-socket sweep runs this often while anyone is connected. */
export const SWEEP_EVERY_MS = LIMITS.staleSocketMs / 2;

/**
 * Sockets leaving the room, whoever ends them: the room (kick, ban, sign-out, leave, policy,
 * no keep-alive, expired session) through `close`, or the peer and the runtime through `closed`.
 * Either way the connection is forgotten once and its user's leave is announced once.
 */
export class Departures {
  constructor(
    private readonly p: {
      ctx: DurableObjectState;
      presence: RoomPresence;
      sender: RoomSender;
      readMarkers: ReadMarkers;
      lobby: LobbyReporter;
      log: RoomLog;
      /** Forgets the connection's rate-limit state (room/inbox.ts). */
      forget: (cid: string) => void;
    },
  ) {}

  /** Connections whose error event was logged as their close (a close event may follow). */
  private readonly errored = new Set<string>();

  /**
   * Closes the open sockets among `sockets` with `code` and `reason`, each after `notice` if
   * given, and announces who left. Returns how many it closed.
   */
  close(sockets: Iterable<WebSocket>, code: number, reason: string, notice?: ServerFrame): number {
    const text = notice ? JSON.stringify(notice) : null;
    const closed: WebSocket[] = [];
    for (const ws of sockets) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (text !== null) {
        try {
          ws.send(text);
        } catch {
          // closing under us
        }
      }
      // Recorded first: until the peer answers, the runtime still delivers its frames, and the
      // room must ignore them (also after it hibernated and forgot everything in memory).
      markClosed(ws, code);
      try {
        ws.close(code, reason);
      } catch {
        // closed under us
      }
      closed.push(ws);
    }
    // The runtime does not report closes we initiate: the leaves are announced now.
    for (const ws of closed) {
      this.p.log.closed(code, "room");
      this.left(ws);
    }
    return closed.length;
  }

  /**
   * The runtime's close event: completes the closing handshake and forgets the connection. Also
   * the peer's answer to a close of the room's, which was logged when the room closed it.
   */
  closed(ws: WebSocket, code: number, reason: string): void {
    const conn = connectionOf(ws);
    if (conn && conn.closedWith === undefined && !this.errored.delete(conn.cid))
      this.p.log.closed(code, "client");
    // 1005/1006 are reserved and cannot be sent back.
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // already closed
    }
    this.left(ws, true);
  }

  /** The runtime's error event; a close event may still follow and must not announce again. */
  failed(ws: WebSocket): void {
    const conn = connectionOf(ws);
    if (conn && conn.closedWith === undefined && !this.errored.has(conn.cid)) {
      this.errored.add(conn.cid);
      this.p.log.closed(1006, "error");
    }
    this.left(ws);
  }

  /**
   * Closes sockets with no sign of life since `cutoff` (1001), and those whose session expired
   * by `now` (CLOSE_SIGNED_OUT); returns how many.
   */
  sweep(cutoff: number, now: number): number {
    const stale = this.close(this.p.presence.stale(cutoff), 1001, "No keep-alive");
    // A session that simply ran out ends its sockets too (within one sweep interval).
    const expired = this.p.ctx.getWebSockets().filter((ws) => {
      const exp = connectionOf(ws)?.exp;
      return exp !== undefined && exp <= now;
    });
    return stale + this.close(expired, CLOSE_SIGNED_OUT, "Session expired");
  }

  /** Forgets a connection; `final` is the runtime's close event (see RoomPresence.leave). */
  private left(ws: WebSocket, final = false): void {
    const conn = connectionOf(ws);
    if (!conn) return;
    this.p.forget(conn.cid);
    const gone = this.p.presence.leave(ws, conn, final, Date.now());
    if (!gone) return;
    this.p.sender.broadcast({ type: "presence", op: "leave", member: gone }, (o) => o === ws);
    this.p.readMarkers.forget(conn.id);
    this.p.lobby.changed();
  }
}
