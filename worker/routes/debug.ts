import { Hono } from "hono";
import { RoomParams } from "../../protocol";
import type { AppEnv } from "../http/app-env";
import { HttpError } from "../http/errors";
import { valid } from "../http/validate";
import { type RoomSettingsEnv, roomSettings } from "../room/settings";
import { roomStub } from "../stubs";

/**
 * Debug-only routes for the benchmark: how long a room's pieces of work took (room/blocks.ts).
 * Off unless ROOM_DEBUG_STATS is "on": then they answer 404 like any unknown route.
 */
export const debug = new Hono<AppEnv>().get(
  "/rooms/:roomId/blocks",
  valid("param", RoomParams),
  async (c) => {
    // ROOM_DEBUG_STATS=on only on a benchmark's local server (bench/run.ts).
    if (!roomSettings(c.env as Env & RoomSettingsEnv).debugStats)
      throw new HttpError("not_found", `No API route GET ${c.req.path}`);
    return c.json(await roomStub(c.env, c.req.valid("param").roomId).blockStats());
  },
);
