import * as z from "zod/mini";
import { RoomId, Seq, UserId } from "./fields";
import { RoomVisibility } from "./model";

// The signed-in user's rooms (GET /api/me/rooms) and read markers.

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
