import type { Context } from "hono";
import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { nanoid } from "nanoid";
import { GuestRequest, type MeBody } from "../../protocol";
import type { AppEnv } from "../app-env";
import { defaultColor } from "../auth/avatar";
import {
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
  type SessionClaims,
  signSession,
} from "../auth/session";
import { HttpError } from "../http-error";
import { valid } from "../validate";

export async function startSession(c: Context<AppEnv>, claims: Omit<SessionClaims, "exp" | "sid">) {
  const full: SessionClaims = {
    ...claims,
    sid: nanoid(16),
    exp: Math.floor(Date.now() / 1000) + SESSION_TTL_SECONDS,
  };
  setCookie(c, SESSION_COOKIE, await signSession(full, c.env.SESSION_SECRET), {
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
  });
  return full;
}

export function meOf(s: SessionClaims): MeBody {
  return {
    user: { id: s.uid, name: s.name, color: s.color, guest: s.guest, username: s.username },
  };
}

export const auth = new Hono<AppEnv>()
  .post("/guest", valid("json", GuestRequest), async (c) => {
    const uid = nanoid(16);
    const session = await startSession(c, {
      uid,
      name: c.req.valid("json").name,
      color: defaultColor(uid),
      guest: true,
      username: null,
    });
    return c.json(meOf(session), 201);
  })
  .post("/logout", (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.json({ ok: true });
  });

export const me = new Hono<AppEnv>().get("/", (c) => {
  const session = c.get("session");
  if (!session) throw new HttpError("unauthorized", "Not signed in");
  return c.json(meOf(session));
});
