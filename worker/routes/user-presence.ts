import { Hono } from "hono";
import * as z from "zod/mini";
import { UserId, type UserPresenceBody } from "../../protocol";
import type { AppEnv } from "../http/app-env";
import { requireSession } from "../http/session";
import { valid } from "../http/validate";
import { roomListStub } from "../stubs";

const UserParam = z.object({ userId: UserId });

/**
 * GET /api/users/:userId/presence: online / last seen, for profiles. A user counts as online
 * while their app polls GET /api/me/rooms (every few seconds while open).
 */
export const userPresence = new Hono<AppEnv>().get(
  "/:userId/presence",
  requireSession,
  valid("param", UserParam),
  async (c) => {
    const body: UserPresenceBody = await roomListStub(
      c.env,
      c.req.valid("param").userId,
    ).presence();
    c.header("Cache-Control", "no-store");
    return c.json(body);
  },
);
