import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import { userRoomsStub } from "./stubs";

/**
 * After a room accepted a socket (101), puts the room on the user's list (GET /api/me/rooms).
 * In the background: the socket does not wait for it, and a reconnect only refreshes the row.
 */
export function rememberJoin(c: Context<AppEnv>, userId: string, roomId: string, res: Response) {
  if (res.status !== 101) return;
  c.executionCtx.waitUntil(
    userRoomsStub(c.env, userId)
      .rememberRoom(roomId)
      .catch((err: unknown) =>
        console.error(
          JSON.stringify({ level: "error", what: "remember room", error: String(err) }),
        ),
      ),
  );
}
