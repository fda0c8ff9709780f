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
  /** Accounts' usernames (profile links); a guest that became an account gets one. */
  username?: string;
  session?: { sid: string; exp: number };
};

export function connectionOf(ws: WebSocket): Connection | null {
  return (ws.deserializeAttachment() as Connection | null) ?? null;
}

// The functions below are the only writers of socket attachments: what a connection remembers
// across hibernation changes here and nowhere else.

/** A socket the room just accepted. */
export function attach(ws: WebSocket, conn: Connection): void {
  ws.serializeAttachment(conn);
}

/** The room closes this socket with `code`: frames that still arrive on it are ignored. */
export function markClosed(ws: WebSocket, code: number): void {
  const conn = connectionOf(ws);
  if (conn) ws.serializeAttachment({ ...conn, closedWith: code } satisfies Connection);
}

/** The connection was active at `now` (a member's lastSeen). */
export function markSeen(ws: WebSocket, conn: Connection, now: number): void {
  conn.lastSeen = now;
  ws.serializeAttachment(conn);
}

/** The client reported whether its page is visible. */
export function markStatus(
  ws: WebSocket,
  conn: Connection,
  status: PresenceStatus,
  now: number,
): void {
  conn.status = status;
  conn.lastSeen = now;
  ws.serializeAttachment(conn);
}

/**
 * Puts the new identity on the socket, so frames it sends from now on carry the new name and
 * colour (stored messages keep the name they were sent with). Returns whether what others see
 * changed (false: nothing, or only the session moved).
 */
export function changeIdentity(ws: WebSocket, conn: Connection, change: ProfileChange): boolean {
  const shown =
    conn.name !== change.name ||
    conn.color !== change.color ||
    conn.guest !== change.guest ||
    conn.username !== change.username;
  const moved =
    change.session !== undefined &&
    (conn.sid !== change.session.sid || conn.exp !== change.session.exp);
  if (!shown && !moved) return false;
  ws.serializeAttachment({
    ...conn,
    name: change.name,
    color: change.color,
    guest: change.guest,
    username: change.username,
    ...change.session,
  } satisfies Connection);
  return shown;
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
