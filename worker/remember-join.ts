import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import { userRoomsStub } from "./stubs";

/**
 * After a room accepted a socket (101), puts the room on the user's list (GET /api/me/rooms).
 * In the background: the socket does not wait for it, and a reconnect only refreshes the row.
 * The list is also where a sign-out or profile change finds the rooms to reach.
 */
export function rememberJoin(
  c: Context<AppEnv>,
  who: { uid: string; key: string },
  roomId: string,
  res: Response,
) {
  if (res.status !== 101) return;
  c.executionCtx.waitUntil(
    userRoomsStub(c.env, who.uid)
      // The identity key too: users who signed up before it was recorded get it on their next join.
      .rememberRoom(roomId, undefined, who.key)
      .catch((err: unknown) =>
        console.error(
          JSON.stringify({ level: "error", what: "remember room", error: String(err) }),
        ),
      ),
  );
}
