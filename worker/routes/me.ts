import { Hono } from "hono";
import { type MeBody, ProfilePatch } from "../../protocol";
import { spreadProfile } from "../edge/spread-profile";
import type { AppEnv } from "../http/app-env";
import { meOf } from "../http/cookies";
import { HttpError } from "../http/errors";
import { requireSession, sessionOf } from "../http/session";
import { valid } from "../http/validate";
import { userStub } from "../stubs";

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
