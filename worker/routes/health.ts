import { Hono } from "hono";
import { type HealthBody, PROTOCOL_VERSION } from "../../protocol";
import type { AppEnv } from "../http/app-env";
import { APP_VERSION, BUILT_AT } from "../version";

export const health = new Hono<AppEnv>().get("/", (c) =>
  c.json({
    ok: true,
    version: APP_VERSION,
    protocol: PROTOCOL_VERSION,
    builtAt: BUILT_AT,
  } satisfies HealthBody),
);
