import * as z from "zod/mini";
import { RoomId, wellFormed } from "./fields";
import { LIMITS } from "./limits";

/** Paging caps of the directory. */
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
const DirectoryCursor = z
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
