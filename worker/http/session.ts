import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env";
import { loadSession } from "./cookies";
import { HttpError } from "./errors";
import { SESSION_COOKIE } from "./session-token";

/**
 * Puts the verified session (or null) on the context. Requests without a cookie skip the User
 * object; with one, it is asked every time, so a revoked session fails at once.
 */
export const readSession = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  c.set("session", token ? await loadSession(c.env, token) : null);
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
