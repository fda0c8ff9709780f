import { nanoid } from "nanoid";
import type { BannedUser, ErrorCode, RoomInfo } from "../../protocol/index";
import { DM_REFUSAL, dmAdmits } from "./dm";

/**
 * Who may enter a room, and the owner's powers over who stays: members, bans and the invite
 * token of private rooms (tables `members`, `bans`, `invite`: the only code that touches them).
 * No socket code; the Room object calls `admit` before it accepts a socket or answers a request,
 * and the moderation helpers from its RPC methods.
 */

/** Appended to the room's migrations (see room/schema.ts). */
export const ROOM_ACCESS_SQL = `
  -- Everyone who ever joined; a private room admits members without the invite.
  CREATE TABLE members (user_id TEXT PRIMARY KEY, joined_at INTEGER NOT NULL);
  CREATE TABLE bans (
    user_id TEXT PRIMARY KEY,
    banned_by TEXT NOT NULL,
    banned_at INTEGER NOT NULL
  );
  -- The current invite token of a private room (one row).
  CREATE TABLE invite (id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL, created_at INTEGER NOT NULL);
`;

/** How the room knew a user when it banned them. */
export type BannedIdentity = { name: string; username?: string; guest?: boolean };

type BanRow = {
  user_id: string;
  banned_at: number;
  guest: number;
  name: string | null;
  username: string | null;
};

export type Admission = { ok: true } | { ok: false; code: ErrorCode; message: string };

export class RoomAccess {
  private readonly sql: SqlStorage;

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  /**
   * May `userId` (null: no session) enter `room` holding `invite`? In a DM only its two people
   * (room/dm.ts). Banned users never; the owner always; anyone signed in enters a public room; a
   * private room wants a member or the current invite token.
   */
  admit(room: RoomInfo, userId: string | null, invite: string | null): Admission {
    if (userId !== null && !dmAdmits(this.storage, userId)) return DM_REFUSAL;
    if (userId !== null && this.isBanned(userId)) {
      return { ok: false, code: "forbidden", message: "You are banned from this room" };
    }
    if (room.visibility === "public" || (userId !== null && userId === room.ownerId)) {
      return { ok: true };
    }
    if (userId !== null && this.isMember(userId)) return { ok: true };
    if (invite !== null && sameToken(invite, this.inviteToken())) return { ok: true };
    if (userId === null) {
      return { ok: false, code: "unauthorized", message: "Sign in or continue as a guest first" };
    }
    return {
      ok: false,
      code: "forbidden",
      message: "This room is private: ask a member for the invite link",
    };
  }

  isMember(userId: string): boolean {
    return this.sql.exec("SELECT 1 FROM members WHERE user_id = ?", userId).toArray().length > 0;
  }

  /** Records a join; joining again keeps the first date. */
  addMember(userId: string, now = Date.now()): void {
    this.sql.exec(
      "INSERT INTO members (user_id, joined_at) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING",
      userId,
      now,
    );
  }

  removeMember(userId: string): void {
    this.sql.exec("DELETE FROM members WHERE user_id = ?", userId);
  }

  isBanned(userId: string): boolean {
    return this.sql.exec("SELECT 1 FROM bans WHERE user_id = ?", userId).toArray().length > 0;
  }

  /** `who`: how the room knows the user (for the owner's list); null when it never saw them. */
  ban(userId: string, by: string, who: BannedIdentity | null = null, now = Date.now()): void {
    this.sql.exec(
      `INSERT INTO bans (user_id, banned_by, banned_at, name, username, guest) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_id) DO NOTHING`,
      userId,
      by,
      now,
      who?.name ?? null,
      who?.username ?? null,
      who?.guest ? 1 : 0,
    );
    this.removeMember(userId);
  }

  /**
   * The most recent `limit` bans, newest first. A ban made before names were recorded shows the
   * user as `knownAs` finds them (their latest message here), if at all.
   */
  bans(
    limit: number,
    knownAs: (userId: string) => BannedIdentity | null,
  ): { bans: BannedUser[]; hasMore: boolean } {
    const rows = this.sql
      .exec<BanRow>(
        `SELECT user_id, banned_at, guest, name, username FROM bans
         ORDER BY banned_at DESC, user_id LIMIT ?`,
        limit + 1,
      )
      .toArray();
    const bans = rows.slice(0, limit).map((r) => {
      const known = r.name !== null && (r.username !== null || r.guest === 1);
      const who = known ? null : knownAs(r.user_id);
      const ban: BannedUser = {
        id: r.user_id,
        name: r.name ?? who?.name ?? null,
        bannedAt: r.banned_at,
      };
      const username = r.username ?? who?.username;
      if (r.guest) ban.guest = true;
      else if (username) ban.username = username;
      return ban;
    });
    return { bans, hasMore: rows.length > limit };
  }

  unban(userId: string): void {
    this.sql.exec("DELETE FROM bans WHERE user_id = ?", userId);
  }

  inviteToken(): string | null {
    return (
      this.sql.exec<{ token: string }>("SELECT token FROM invite WHERE id = 1").toArray()[0]
        ?.token ?? null
    );
  }

  /** Issues a new token (the old one stops admitting newcomers) and returns it. */
  rotateInvite(now = Date.now()): string {
    const token = nanoid(24);
    this.sql.exec(
      "INSERT INTO invite (id, token, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at",
      token,
      now,
    );
    return token;
  }

  /** The path to share: private rooms carry the invite token. */
  link(room: RoomInfo): string {
    const path = `/r/${room.id}`;
    if (room.visibility !== "private") return path;
    const token = this.inviteToken() ?? this.rotateInvite();
    return `${path}?invite=${token}`;
  }
}

/** Compares tokens in time independent of where they differ. */
function sameToken(given: string, expected: string | null): boolean {
  if (expected === null || given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < given.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}
