import * as z from "zod/mini";
import { RoomId, RoomName, Topic, UserId, Username } from "./fields";
import { idPattern } from "./limits";
import { RoomInfo } from "./model";

/** The secret part of a private room's share link: `/r/<roomId>?invite=<token>`. */
export const InviteToken = z
  .string()
  .check(z.regex(idPattern("inviteToken"), "Invalid invite token"));

/** Owner-only changes to a room; at least one field. */
export const RoomPatch = z.object({
  name: z.optional(RoomName),
  topic: z.optional(Topic),
  /** Issue a new invite token; links with the old one stop admitting new members. */
  rotateInvite: z.optional(z.literal(true)),
});
export type RoomPatch = z.infer<typeof RoomPatch>;

/** Answer to PATCH /api/rooms/:roomId and GET /api/rooms/:roomId/invite (owner only). */
export const RoomOwnerBody = z.object({
  room: RoomInfo,
  /** The path to share; for private rooms it carries the current invite token. */
  link: z.string(),
});
export type RoomOwnerBody = z.infer<typeof RoomOwnerBody>;

/** Kick or ban one user. */
export const ModerateRequest = z.object({ userId: UserId });
export type ModerateRequest = z.infer<typeof ModerateRequest>;

export const BanParams = z.object({ roomId: RoomId, userId: UserId });

/** One banned user, as the owner sees it in the room's settings. */
export const BannedUser = z.object({
  id: UserId,
  /** The name they last used in the room; null when the room never saw it. */
  name: z.nullable(z.string()),
  /** Accounts only. */
  username: z.optional(Username),
  guest: z.optional(z.boolean()),
  /** Milliseconds since the epoch. */
  bannedAt: z.number(),
});
export type BannedUser = z.infer<typeof BannedUser>;

/** Answer to GET /api/rooms/:roomId/bans (owner only): newest first, at most LIMITS.bansListed. */
export const BansBody = z.object({ bans: z.array(BannedUser), hasMore: z.boolean() });
export type BansBody = z.infer<typeof BansBody>;
