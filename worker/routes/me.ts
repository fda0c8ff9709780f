import { Hono } from "hono";
import { type MeBody, ProfilePatch } from "../../protocol";
import type { AppEnv } from "../app-env";
import { requireSession, sessionOf } from "../auth/middleware";
import { meOf } from "../auth/session-cookie";
import { HttpError } from "../http-error";
import { userStub } from "../stubs";
import { valid } from "../validate";

export const me = new Hono<AppEnv>()
  .get("/", requireSession, (c) => c.json({ user: meOf(sessionOf(c)) } satisfies MeBody))
  /**
   * Display name and avatar colour. Rooms read the profile when a socket connects, so new
   * connections show the change.
   */
  .patch("/", requireSession, valid("json", ProfilePatch), async (c) => {
    const session = sessionOf(c);
    const updated = await userStub(c.env, session.key).updateProfile(c.req.valid("json"));
    if (!updated) throw new HttpError("unauthorized", "Sign in or continue as a guest first");
    return c.json({ user: updated } satisfies MeBody);
  });
