import { Hono } from "hono";
import { type MeBody, ProfilePatch } from "../../protocol";
import type { AppEnv } from "../app-env";
import { requireSession, sessionOf } from "../auth/middleware";
import { meOf } from "../auth/session-cookie";
import { spreadProfile } from "../auth/sign-out";
import { HttpError } from "../http-error";
import { userStub } from "../stubs";
import { valid } from "../validate";

export const me = new Hono<AppEnv>()
  .get("/", requireSession, (c) => c.json({ user: meOf(sessionOf(c)) } satisfies MeBody))
  /**
   * Display name and avatar colour. Every room where the user has open sockets shows the change
   * at once (a presence update); messages already sent keep the name they were sent with.
   */
  .patch("/", requireSession, valid("json", ProfilePatch), async (c) => {
    const session = sessionOf(c);
    const updated = await userStub(c.env, session.key).updateProfile(c.req.valid("json"));
    if (!updated) throw new HttpError("unauthorized", "Sign in or continue as a guest first");
    await spreadProfile(c.env, updated);
    return c.json({ user: updated } satisfies MeBody);
  });
