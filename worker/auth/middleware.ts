import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { HttpError } from "../http-error";
import { SESSION_COOKIE, verifySession } from "./session";

/** Puts the verified session (or null) on the context for every request. */
export const readSession = createMiddleware<AppEnv>(async (c, next) => {
  c.set("session", await verifySession(getCookie(c, SESSION_COOKIE), c.env.SESSION_SECRET));
  await next();
});

/** Refuses requests without a valid session. */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get("session"))
    throw new HttpError("unauthorized", "Sign in or continue as a guest first");
  await next();
});

/** The session of a request that passed requireSession. */
export function sessionOf(c: Context<AppEnv>) {
  const session = c.get("session");
  if (!session) throw new HttpError("unauthorized", "Sign in or continue as a guest first");
  return session;
}
