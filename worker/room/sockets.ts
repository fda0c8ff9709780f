import { LIMITS, type ServerFrame } from "../../protocol/index";
import { type Connection, connectionOf } from "./connection";

/** Sends one frame. A socket that closed under us is ignored: its close event cleans up. */
export function sendFrame(ws: WebSocket, frame: ServerFrame): void {
  try {
    ws.send(JSON.stringify(frame));
  } catch {
    // closed
  }
}

/** Serialises `frame` once and sends it to every socket that `skip` does not pick. */
export function broadcastFrame(
  sockets: Iterable<WebSocket>,
  frame: ServerFrame,
  skip: (ws: WebSocket) => boolean = () => false,
): void {
  const text = JSON.stringify(frame);
  for (const ws of sockets) {
    if (skip(ws)) continue;
    try {
      ws.send(text);
    } catch {
      // closed
    }
  }
}

/**
 * Closes one socket from the server side, once. The attachment records the close first: until
 * the peer answers, the runtime still delivers its frames, and the room must ignore them (also
 * after it hibernated and forgot everything in memory). Returns whether it was open.
 */
export function closeSocket(ws: WebSocket, code: number, reason: string): boolean {
  if (ws.readyState !== WebSocket.OPEN) return false;
  const conn = connectionOf(ws);
  if (conn) ws.serializeAttachment({ ...conn, closedWith: code } satisfies Connection);
  try {
    ws.close(code, reason);
  } catch {
    // closed under us
  }
  return true;
}

/**
 * Closes the open sockets among `sockets` with `code` and `reason`. Returns the ones closed, for
 * the room's own bookkeeping (presence leave): the runtime does not report closes we initiate.
 */
export function closeSockets(sockets: Iterable<WebSocket>, code: number, reason: string) {
  const closed: WebSocket[] = [];
  for (const ws of sockets) if (closeSocket(ws, code, reason)) closed.push(ws);
  return closed;
}

/**
 * Error frames earned per connection within LIMITS.violationWindowMs. In memory: a room that
 * hibernated has forgotten them, which only ever favours a client that paused.
 *
 * A rate-limited frame counts only when the client ignored the previous `retryAfter`: a client
 * that waits as told is slow, not abusive, however often it is limited.
 */
export class ViolationCounter {
  private readonly byConnection = new Map<string, { count: number; since: number }>();
  /** Until when each connection was told to wait. */
  private readonly waitUntil = new Map<string, number>();

  /** A rate-limited frame; true when the connection has now earned the 1008 close. */
  limited(cid: string, now: number, retryAfter: number): boolean {
    const told = this.waitUntil.get(cid);
    this.waitUntil.set(cid, now + retryAfter);
    return told !== undefined && now < told ? this.record(cid, now) : false;
  }

  /** Counts one violation; true when the connection has now earned the 1008 close. */
  record(cid: string, now: number): boolean {
    let v = this.byConnection.get(cid);
    if (!v || now - v.since > LIMITS.violationWindowMs) {
      v = { count: 0, since: now };
      this.byConnection.set(cid, v);
    }
    v.count += 1;
    if (v.count < LIMITS.maxViolations) return false;
    this.byConnection.delete(cid);
    return true;
  }

  forget(cid: string): void {
    this.byConnection.delete(cid);
    this.waitUntil.delete(cid);
  }
}
