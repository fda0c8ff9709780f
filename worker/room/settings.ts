import { LIMITS } from "../../protocol/index";
import { MAX_SENDS_PER_SECOND } from "./send-budget";

/**
 * Deployment settings of the Room object, read from the environment. All are optional and
 * documented under "Server settings" in docs/PROTOCOL.md.
 * - ROOM_RATE_LIMIT_SCALE multiplies every per-sender send budget (burst and refill); default 1.
 *   Meant for load tests against a local server; leave it unset in production.
 * - ROOM_RETENTION_MESSAGES caps stored messages per room; default LIMITS.retentionMessages.
 * - ROOM_SEND_BUDGET is the ceiling of a room's whole send budget in messages per second
 *   (room/send-budget.ts; the budget itself follows what the room sustains, below it); default
 *   MAX_SENDS_PER_SECOND times ROOM_RATE_LIMIT_SCALE. "off" removes the room-wide budget, for
 *   tests that pipeline hundreds of messages without handling "the room is busy".
 */
export type RoomSettingsEnv = {
  ROOM_RATE_LIMIT_SCALE?: string;
  ROOM_RETENTION_MESSAGES?: string;
  ROOM_SEND_BUDGET?: string;
  ROOM_DEBUG_STATS?: string;
};

export type RoomSettings = {
  rateScale: number;
  retentionMessages: number;
  /** Null: no room-wide budget ("off"). */
  sendBudgetMax: number | null;
  /** ROOM_DEBUG_STATS=on: rooms time their work and the debug route serves it (bench only). */
  debugStats: boolean;
};

export function roomSettings(env: RoomSettingsEnv): RoomSettings {
  return {
    rateScale: positive(env.ROOM_RATE_LIMIT_SCALE) ?? 1,
    retentionMessages: positive(env.ROOM_RETENTION_MESSAGES) ?? LIMITS.retentionMessages,
    // The load-test scale lifts the room's ceiling too (a test pipelining hundreds of messages
    // must not meet it); a ceiling set explicitly is taken as it is.
    sendBudgetMax:
      env.ROOM_SEND_BUDGET === "off"
        ? null
        : (positive(env.ROOM_SEND_BUDGET) ??
          MAX_SENDS_PER_SECOND * (positive(env.ROOM_RATE_LIMIT_SCALE) ?? 1)),
    debugStats: env.ROOM_DEBUG_STATS === "on",
  };
}

function positive(value: string | undefined): number | null {
  const n = Number(value);
  return value && Number.isFinite(n) && n >= 1 ? Math.floor(n) : null;
}
