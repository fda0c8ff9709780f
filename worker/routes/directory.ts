import { Hono } from "hono";
import { DIRECTORY_LIMITS, DirectoryQuery } from "../../protocol";
import type { AppEnv } from "../http/app-env";
import { valid } from "../http/validate";
import { lobbyStub } from "../stubs";

/** GET /api/rooms: the public directory. Readable without a session, like any public listing. */
export const directory = new Hono<AppEnv>().get("/", valid("query", DirectoryQuery), async (c) => {
  const { q, sort, cursor, limit } = c.req.valid("query");
  const page = await lobbyStub(c.env).list({
    q: q ?? "",
    sort: sort ?? "activity",
    cursor: cursor ?? null,
    limit: limit ?? DIRECTORY_LIMITS.pageDefault,
  });
  c.header("Cache-Control", "no-store");
  return c.json(page);
});
