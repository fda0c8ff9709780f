import type { MeBody } from "../../protocol";
import { api, json } from "./helpers";

/** The `parley_session=...` pair from a response, or null when none was set. */
export function sessionCookie(res: Response): string | null {
  for (const header of res.headers.getSetCookie()) {
    const pair = header.split(";")[0] ?? "";
    if (pair.startsWith("parley_session=") && pair !== "parley_session=") return pair;
  }
  return null;
}

/** POST with an optional cookie and client address. */
export function post(path: string, body: unknown, opts: { cookie?: string; ip?: string } = {}) {
  const init = json(body, opts.cookie);
  if (opts.ip) (init.headers as Record<string, string>)["CF-Connecting-IP"] = opts.ip;
  return api(path, init);
}

export async function register(
  username: string,
  password = "correct horse battery",
  opts: { cookie?: string; ip?: string; name?: string } = {},
): Promise<{ cookie: string; me: MeBody["user"] }> {
  const body: Record<string, string> = { username, password };
  if (opts.name) body.name = opts.name;
  const res = await post("/api/auth/register", body, opts);
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  const cookie = sessionCookie(res);
  if (!cookie) throw new Error("register set no cookie");
  return { cookie, me: ((await res.json()) as MeBody).user };
}

export function login(username: string, password: string, opts: { ip?: string } = {}) {
  return post("/api/auth/login", { username, password }, opts);
}

export function getMe(cookie: string) {
  return api("/api/me", { headers: { cookie } });
}

/** A unique username per call, so tests sharing one storage never collide. */
let counter = 0;
export function uniqueName(prefix = "user"): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}${counter}`;
}

/** The claims in a session cookie (`parley_session=<payload>.<signature>`), signature unchecked. */
export function cookieClaims(cookie: string): {
  uid: string;
  sid: string;
  key: string;
  exp: number;
} {
  const payload = cookie.split("=")[1]?.split(".")[0] ?? "";
  return JSON.parse(atob(payload.replaceAll("-", "+").replaceAll("_", "/")));
}
