import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { nanoid } from "nanoid";
import type { Me } from "../../protocol";
import { userStub } from "../stubs";
import type { SessionGrant } from "../user/user";
import type { AppEnv } from "./app-env";
import {
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
  type Session,
  signSession,
  verifySession,
} from "./session-token";

/** A fresh session id and expiry, to be recorded by the User object before the cookie is set. */
export function newGrant(now = Date.now()): SessionGrant {
  return { sid: nanoid(21), expiresAt: now + SESSION_TTL_SECONDS * 1000 };
}

export async function setSessionCookie(
  c: Context<AppEnv>,
  me: Me,
  key: string,
  grant: SessionGrant,
): Promise<void> {
  const token = await signSession(
    { uid: me.id, sid: grant.sid, key, exp: Math.floor(grant.expiresAt / 1000) },
    c.env.SESSION_SECRET,
  );
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.req.url).protocol === "https:",
  });
}

/**
 * The session a cookie stands for, or null: the signature must check out, the expiry must not
 * have passed, and the User object must still hold the session (it is gone after a logout).
 */
export async function loadSession(env: Env, token: string | undefined): Promise<Session | null> {
  const claims = await verifySession(token, env.SESSION_SECRET);
  if (!claims) return null;
  const me = await userStub(env, claims.key).checkSession(claims.uid, claims.sid);
  if (!me) return null;
  return { ...claims, name: me.name, color: me.color, guest: me.guest, username: me.username };
}

export function meOf(s: Session): Me {
  return { id: s.uid, name: s.name, color: s.color, guest: s.guest, username: s.username };
}
