import * as z from "zod/mini";
import type { Author, Member, PresenceStatus } from "../../protocol/index";

/**
 * The verified identity the Worker hands to a room on upgrade, in the IDENTITY_HEADER of the
 * request it builds itself; a client cannot reach a room object directly, so it cannot forge it.
 */
export const Identity = z.object({
  id: z.string(),
  name: z.string(),
  color: z.string(),
  guest: z.boolean(),
  /** The account's username (absent for guests), so authors and members link to /u/<username>. */
  username: z.optional(z.string()),
  /**
   * The session the socket was opened with, so ending that session can close it
   * (room/sign-out.ts). Optional only so a Worker of the previous version, during a deploy, can
   * still hand over sockets; those close on "log out everywhere" only.
   */
  sid: z.optional(z.string()),
  /** When that session expires (ms since the epoch): the stale-socket sweep closes it then. */
  exp: z.optional(z.number()),
});
export type Identity = z.infer<typeof Identity>;
export const IDENTITY_HEADER = "x-parley-identity";

/** Per-socket state, kept in serializeAttachment so it survives hibernation. */
export type Connection = Identity & {
  /** Connection id, unique per socket. */
  cid: string;
  status: PresenceStatus;
  lastSeen: number;
  /** The client takes `batch` frames (it connected with `?batch=1`). */
  batch?: boolean;
  /** Set when the room closed the socket: frames that still arrive on it are ignored. */
  closedWith?: number;
};

export function authorOf(conn: Connection): Author {
  const author: Author = { id: conn.id, name: conn.name, color: conn.color };
  if (conn.guest) author.guest = true;
  else if (conn.username) author.username = conn.username;
  return author;
}

export function memberOf(conn: Connection): Member {
  const member: Member = {
    id: conn.id,
    name: conn.name,
    color: conn.color,
    status: conn.status,
    lastSeen: conn.lastSeen,
  };
  if (conn.guest) member.guest = true;
  else if (conn.username) member.username = conn.username;
  return member;
}

export function connectionOf(ws: WebSocket): Connection | null {
  return (ws.deserializeAttachment() as Connection | null) ?? null;
}

/** Whether the room itself closed this socket (kick, ban, sign-out, 1008, stale). */
export function closedByRoom(ws: WebSocket): boolean {
  return connectionOf(ws)?.closedWith !== undefined;
}

/** The connection of a socket the room still serves; null once it closed. */
export function liveConnectionOf(ws: WebSocket): Connection | null {
  if (ws.readyState !== WebSocket.OPEN) return null;
  const conn = connectionOf(ws);
  return conn && conn.closedWith === undefined ? conn : null;
}
