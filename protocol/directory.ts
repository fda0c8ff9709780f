import * as z from "zod/mini";
import { DisplayName, RoomId, Seq, UserId, wellFormed } from "./fields";
import { LIMITS } from "./limits";
import { RoomVisibility } from "./model";

/** Paging caps of the room lists. */
export const DIRECTORY_LIMITS = {
  pageDefault: 30,
  pageMax: 100,
} as const;

// ── the public room directory: GET /api/rooms ───────────────────────────────

export const DirectorySort = z.enum(["activity", "online"]);
export type DirectorySort = z.infer<typeof DirectorySort>;

/** One public room as the directory lists it. */
export const DirectoryRoom = z.object({
  id: RoomId,
  name: z.string(),
  topic: z.string(),
  /** Distinct users with an open socket in the room, as last reported (a few seconds behind). */
  online: z.int().check(z.nonnegative()),
  /** Milliseconds since the epoch of the last message (the creation time before the first). */
  lastActivity: z.number(),
  messageCount: z.int().check(z.nonnegative()),
  createdAt: z.number(),
});
export type DirectoryRoom = z.infer<typeof DirectoryRoom>;

/**
 * Keyset cursor: the sort key of the last room on the previous page, opaque to clients. Stable
 * under inserts (no skipped or repeated rooms from paging itself, unlike an offset).
 */
export const DirectoryCursor = z
  .string()
  .check(z.maxLength(80), z.regex(/^\d{1,15}(\.\d{1,15})?\.[A-Za-z0-9_-]{6,32}$/, "Bad cursor"));

const PageLimit = z.pipe(
  z.string().check(z.regex(/^\d{1,3}$/, "Expected a whole number")),
  z.pipe(z.transform(Number), z.int().check(z.minimum(1), z.maximum(DIRECTORY_LIMITS.pageMax))),
);

/** A cursor carries one number for the activity order and two for the online order. */
export function cursorFitsSort(cursor: string, sort: DirectorySort): boolean {
  return cursor.split(".").length === (sort === "activity" ? 2 : 3);
}

/** Query string of GET /api/rooms; every field is optional (sort defaults to activity). */
export const DirectoryQuery = z
  .object({
    /** Case-insensitive substring of the room name. */
    q: z.optional(z.string().check(z.trim(), z.maxLength(LIMITS.roomNameMax), wellFormed)),
    sort: z.optional(DirectorySort),
    cursor: z.optional(DirectoryCursor),
    limit: z.optional(PageLimit),
  })
  .check(
    z.refine((v) => v.cursor === undefined || cursorFitsSort(v.cursor, v.sort ?? "activity"), {
      message: "This cursor belongs to another sort order",
      path: ["cursor"],
    }),
  );
export type DirectoryQuery = z.infer<typeof DirectoryQuery>;

export const DirectoryBody = z.object({
  rooms: z.array(DirectoryRoom),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.nullable(z.string()),
});
export type DirectoryBody = z.infer<typeof DirectoryBody>;

// ── your rooms: GET /api/me/rooms ───────────────────────────────────────────

/** Unread counts stop at this; clients show it as "99+"-style. */
export const UNREAD_CAP = 999;

/** One room in the signed-in user's list. */
export const MyRoom = z.object({
  id: RoomId,
  name: z.string(),
  visibility: RoomVisibility,
  /** For a direct message: the other person. Null for an ordinary room. */
  dmWith: z.nullable(z.object({ id: UserId, name: z.string() })),
  /** Messages by others after your read marker, not deleted; at most UNREAD_CAP. */
  unread: z.int().check(z.nonnegative()),
  /** Whether one of those unread messages mentions you (@name or @username). */
  mentioned: z.boolean(),
  /** Your read marker: the last seq you have read (0 = nothing yet). */
  readSeq: Seq,
  /** The room's latest seq. */
  lastSeq: Seq,
  lastActivity: z.number(),
});
export type MyRoom = z.infer<typeof MyRoom>;

export const MyRoomsBody = z.object({
  /** Most recent activity first. */
  rooms: z.array(MyRoom),
  /** How often the app should poll this list while it is open, in milliseconds. */
  pollMs: z.int(),
});
export type MyRoomsBody = z.infer<typeof MyRoomsBody>;

/** POST /api/me/rooms/:roomId/read — moves the read marker forward (never back). */
export const ReadRequest = z.object({ seq: Seq });
export type ReadRequest = z.infer<typeof ReadRequest>;

// ── direct messages: POST /api/dm ───────────────────────────────────────────

export const StartDmRequest = z.object({
  userId: UserId,
  /** Optional and unused: the server looks the user up and uses their current display name. */
  name: z.optional(DisplayName),
});
export type StartDmRequest = z.infer<typeof StartDmRequest>;

// ── presence beyond a room: GET /api/users/:userId/presence ────────────────

export const UserPresenceBody = z.object({
  online: z.boolean(),
  /** Milliseconds since the epoch when the user was last seen; null if never. */
  lastSeen: z.nullable(z.number()),
});
export type UserPresenceBody = z.infer<typeof UserPresenceBody>;
