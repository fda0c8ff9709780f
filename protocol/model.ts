import * as z from "zod/mini";
import { AvatarColor, DisplayName, Emoji, RoomId, Seq, UserId, Username } from "./fields";

/** Who wrote something, as verified by the server at connect time. */
export const Author = z.object({
  id: UserId,
  name: z.string(),
  color: z.optional(AvatarColor),
  guest: z.optional(z.boolean()),
  /**
   * The account's username, for a profile link (/u/<username>). Absent for guests, and for
   * messages stored before authors carried it.
   */
  username: z.optional(Username),
});
export type Author = z.infer<typeof Author>;

export const Reaction = z.object({
  emoji: Emoji,
  /** Ids of the users who reacted, in the order they did. */
  users: z.array(UserId),
});
export type Reaction = z.infer<typeof Reaction>;

export const Message = z.object({
  seq: Seq,
  clientId: z.nullable(z.string()),
  author: Author,
  text: z.string(),
  createdAt: z.number(),
  replyTo: z.nullable(Seq),
  editedAt: z.nullable(z.number()),
  deleted: z.boolean(),
  reactions: z.array(Reaction),
});
export type Message = z.infer<typeof Message>;

export const PresenceStatus = z.enum(["online", "idle"]);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

/** One user in a room's presence list; several sockets of one user count once. */
export const Member = z.object({
  id: UserId,
  name: DisplayName,
  color: z.optional(AvatarColor),
  guest: z.optional(z.boolean()),
  /** The account's username (absent for guests), for a profile link. */
  username: z.optional(Username),
  status: PresenceStatus,
  /** Milliseconds since the epoch of the user's last activity in the room. */
  lastSeen: z.number(),
});
export type Member = z.infer<typeof Member>;

export const RoomVisibility = z.enum(["public", "private"]);
export type RoomVisibility = z.infer<typeof RoomVisibility>;

export const RoomInfo = z.object({
  id: RoomId,
  name: z.string(),
  topic: z.string(),
  visibility: RoomVisibility,
  ownerId: z.nullable(UserId),
  createdAt: z.number(),
});
export type RoomInfo = z.infer<typeof RoomInfo>;
