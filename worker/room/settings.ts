import { LIMITS } from "../../protocol/index";
import { FANOUT_PER_SECOND } from "./fanout";

/**
 * Deployment settings of the Room object, read from the environment. Both are optional and
 * documented under "Server settings" in docs/PROTOCOL.md.
 * - ROOM_RATE_LIMIT_SCALE multiplies every send budget (burst and refill); default 1. Meant for
 *   load tests against a local server; leave it unset in production.
 * - ROOM_RETENTION_MESSAGES caps stored messages per room; default LIMITS.retentionMessages.
 * - ROOM_FANOUT_PER_SECOND is a room's whole send budget in deliveries per second; default
 *   FANOUT_PER_SECOND (room/fanout.ts) times ROOM_RATE_LIMIT_SCALE. Set it below what the
 *   machine can deliver.
 */
export type RoomSettingsEnv = {
  ROOM_RATE_LIMIT_SCALE?: string;
  ROOM_RETENTION_MESSAGES?: string;
  ROOM_FANOUT_PER_SECOND?: string;
};

export type RoomSettings = {
  rateScale: number;
  retentionMessages: number;
  fanoutPerSecond: number;
};

export function roomSettings(env: RoomSettingsEnv): RoomSettings {
  return {
    rateScale: positive(env.ROOM_RATE_LIMIT_SCALE) ?? 1,
    retentionMessages: positive(env.ROOM_RETENTION_MESSAGES) ?? LIMITS.retentionMessages,
    // The load-test scale lifts the room's default budget too (a test pipelining hundreds of
    // messages must not meet it); a budget set explicitly is taken as it is.
    fanoutPerSecond:
      positive(env.ROOM_FANOUT_PER_SECOND) ??
      FANOUT_PER_SECOND * (positive(env.ROOM_RATE_LIMIT_SCALE) ?? 1),
  };
}

function positive(value: string | undefined): number | null {
  const n = Number(value);
  return value && Number.isFinite(n) && n >= 1 ? Math.floor(n) : null;
}
