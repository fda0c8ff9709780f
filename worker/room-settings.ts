import { LIMITS } from "../protocol";

/**
 * Deployment settings of the Room object, read from the environment. Both are optional and
 * documented under "Server settings" in docs/PROTOCOL.md.
 * - ROOM_RATE_LIMIT_SCALE multiplies every send budget (burst and refill); default 1. Meant for
 *   load tests against a local server; leave it unset in production.
 * - ROOM_RETENTION_MESSAGES caps stored messages per room; default LIMITS.retentionMessages.
 */
export type RoomSettingsEnv = { ROOM_RATE_LIMIT_SCALE?: string; ROOM_RETENTION_MESSAGES?: string };

export type RoomSettings = { rateScale: number; retentionMessages: number };

export function roomSettings(env: RoomSettingsEnv): RoomSettings {
  return {
    rateScale: positive(env.ROOM_RATE_LIMIT_SCALE) ?? 1,
    retentionMessages: positive(env.ROOM_RETENTION_MESSAGES) ?? LIMITS.retentionMessages,
  };
}

function positive(value: string | undefined): number | null {
  const n = Number(value);
  return value && Number.isFinite(n) && n >= 1 ? Math.floor(n) : null;
}
