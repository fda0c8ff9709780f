import type { Session } from "./session-token";

/** Hono's generic parameter for this app: bindings and per-request variables. */
export type AppEnv = {
  Bindings: Env;
  Variables: { session: Session | null };
};
