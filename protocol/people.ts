import * as z from "zod/mini";
import { AvatarColor, UserId, Username } from "./fields";

// Other users: account profiles, presence beyond a room, direct messages.

// ── profiles: GET /api/users/:username ──────────────────────────────────────

export const UserParams = z.object({ username: Username });
/** What anyone signed in may see of an account (GET /api/users/:username). */
const PublicProfile = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  color: AvatarColor,
  createdAt: z.number(),
});
export const PublicProfileBody = z.object({ user: PublicProfile });
export type PublicProfileBody = z.infer<typeof PublicProfileBody>;

// ── direct messages: POST /api/dm ───────────────────────────────────────────

/** The server looks the user up and names the conversation after their current display name. */
export const StartDmRequest = z.object({ userId: UserId });
export type StartDmRequest = z.infer<typeof StartDmRequest>;

// ── presence beyond a room: GET /api/users/:userId/presence ────────────────

export const UserIdParams = z.object({ userId: UserId });

export const UserPresenceBody = z.object({
  online: z.boolean(),
  /** Milliseconds since the epoch when the user was last seen; null if never. */
  lastSeen: z.nullable(z.number()),
});
export type UserPresenceBody = z.infer<typeof UserPresenceBody>;
