import * as z from "zod/mini";
import {
  AvatarColor,
  DisplayName,
  RoomId,
  RoomName,
  SearchText,
  Seq,
  Topic,
  Username,
  wellFormed,
} from "./fields";
import { LIMITS } from "./limits";
import { Message, RoomInfo, RoomVisibility } from "./model";

export const HealthBody = z.object({
  ok: z.boolean(),
  version: z.string(),
  protocol: z.number(),
  /** When the deployed Worker was built (ISO 8601); null for a build that did not say. */
  builtAt: z.nullable(z.string()),
});
export type HealthBody = z.infer<typeof HealthBody>;

// ── identity ────────────────────────────────────────────────────────────────

export const Password = z
  .string()
  .check(
    z.minLength(LIMITS.passwordMin, `At least ${LIMITS.passwordMin} characters`),
    z.maxLength(LIMITS.passwordMax, `At most ${LIMITS.passwordMax} characters`),
    wellFormed,
  );

export const GuestRequest = z.object({ name: DisplayName });
export const RegisterRequest = z.object({
  username: Username,
  password: Password,
  name: z.optional(DisplayName),
});
export const LoginRequest = z.object({
  username: z.string().check(z.minLength(1), z.maxLength(64)),
  password: z.string().check(z.minLength(1), z.maxLength(LIMITS.passwordMax), wellFormed),
});
/** The body is optional; `everywhere` ends every session of the identity, on every device. */
export const LogoutRequest = z.object({ everywhere: z.optional(z.boolean()) });
export const ProfilePatch = z.object({
  name: z.optional(DisplayName),
  color: z.optional(AvatarColor),
});
export type ProfilePatch = z.infer<typeof ProfilePatch>;

export const Me = z.object({
  id: z.string(),
  name: z.string(),
  color: AvatarColor,
  guest: z.boolean(),
  username: z.nullable(z.string()),
});
export type Me = z.infer<typeof Me>;
export const MeBody = z.object({ user: Me });
export type MeBody = z.infer<typeof MeBody>;

// ── rooms ───────────────────────────────────────────────────────────────────

export const CreateRoomRequest = z.object({
  name: RoomName,
  topic: z.optional(Topic),
  visibility: z.optional(RoomVisibility),
});
export type CreateRoomRequest = z.infer<typeof CreateRoomRequest>;

export const CreateRoomBody = z.object({
  room: RoomInfo,
  /** Path to share; for private rooms it carries the invite token. */
  link: z.string(),
});
export type CreateRoomBody = z.infer<typeof CreateRoomBody>;

export const RoomParams = z.object({ roomId: RoomId });

export const RoomBody = z.object({ room: RoomInfo, online: z.number(), lastSeq: Seq });
export type RoomBody = z.infer<typeof RoomBody>;

/** Query strings arrive as text. */
const IntParam = z.pipe(
  z.string().check(z.regex(/^\d{1,15}$/, "Expected a whole number")),
  z.transform(Number),
);

export const MessagesQuery = z.object({
  before: z.optional(IntParam),
  limit: z.optional(
    z.pipe(IntParam, z.int().check(z.minimum(1), z.maximum(LIMITS.historyPageMax))),
  ),
});
export type MessagesQuery = z.infer<typeof MessagesQuery>;

export const MessagesBody = z.object({ messages: z.array(Message), hasMore: z.boolean() });
export type MessagesBody = z.infer<typeof MessagesBody>;

export const SearchQuery = z.object({
  q: SearchText,
  before: z.optional(IntParam),
  limit: z.optional(
    z.pipe(IntParam, z.int().check(z.minimum(1), z.maximum(LIMITS.historyPageMax))),
  ),
});
