import { Hono } from "hono";
import { RoomParams } from "../../protocol";
import type { AppEnv } from "../app-env";
import { HttpError } from "../http-error";
import { roomStub } from "../stubs";
import { valid } from "../validate";

/** Set to "on" only on a benchmark's local server (bench/run.ts); unset everywhere else. */
type DebugEnv = { ROOM_DEBUG_STATS?: string };

/**
 * Debug-only routes for the benchmark: how long a room's pieces of work took (room/blocks.ts).
 * Off unless ROOM_DEBUG_STATS is "on": then they answer 404 like any unknown route.
 */
export const debug = new Hono<AppEnv>().get(
  "/rooms/:roomId/blocks",
  valid("param", RoomParams),
  async (c) => {
    if ((c.env as Env & DebugEnv).ROOM_DEBUG_STATS !== "on")
      throw new HttpError("not_found", `No API route GET ${c.req.path}`);
    return c.json(await roomStub(c.env, c.req.valid("param").roomId).blockStats());
  },
);
