import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import { HttpError } from "./errors";

/**
 * Browsers always send Origin on WebSocket upgrades; refusing foreign ones stops another site
 * from riding the user's cookie (cross-site WebSocket hijacking). Non-browser clients that send
 * no Origin are allowed: they cannot carry a victim's cookie.
 */
export function checkOrigin(c: Context<AppEnv>): void {
  const origin = c.req.header("Origin");
  if (!origin) return;
  const own = new URL(c.req.url).origin;
  const allowed = (c.env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (origin !== own && !allowed.includes(origin)) {
    throw new HttpError("bad_origin", `Origin ${origin} may not open sockets here`);
  }
}
