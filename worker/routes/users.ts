import { Hono } from "hono";
import { type PublicProfileBody, UserParams } from "../../protocol";
import type { AppEnv } from "../http/app-env";
import { HttpError } from "../http/errors";
import { requireSession } from "../http/session";
import { valid } from "../http/validate";
import { accountKey, userStub } from "../stubs";

/** Accounts by username, for profile pages. Guests have no username and no public profile. */
export const users = new Hono<AppEnv>().get(
  "/:username",
  valid("param", UserParams),
  requireSession,
  async (c) => {
    const { username } = c.req.valid("param");
    const user = await userStub(c.env, accountKey(username)).publicProfile();
    if (!user) throw new HttpError("not_found", `No account called ${username}`);
    return c.json({ user } satisfies PublicProfileBody);
  },
);
