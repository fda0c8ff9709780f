import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import { roomStub, userRoomsStub, userStub } from "./stubs";

type Joiner = { uid: string; sid: string; key: string };

/**
 * After a room accepted a socket (101), puts the room on the user's list (GET /api/me/rooms).
 * In the background: the socket does not wait for it, and a reconnect only refreshes the row.
 */
export function rememberJoin(c: Context<AppEnv>, who: Joiner, roomId: string, res: Response) {
  if (res.status !== 101) return;
  c.executionCtx.waitUntil(
    recordJoin(c.env, who, roomId).catch((err: unknown) =>
      console.error(JSON.stringify({ level: "error", what: "remember room", error: String(err) })),
    ),
  );
}

/**
 * Records the join, then checks that the session is still live, closing the socket if not. The
 * list is where a sign-out finds the rooms to close sockets in (auth/sign-out.ts), and a sign-out
 * ends the session before it reads the list: so either it read the list after this record and
 * closes the socket itself, or the session was already gone when this checks. No socket escapes
 * a sign-out that raced with its join.
 */
export async function recordJoin(env: Env, who: Joiner, roomId: string): Promise<void> {
  // The identity key too: users who signed up before it was recorded get it on their next join.
  await userRoomsStub(env, who.uid).rememberRoom(roomId, undefined, who.key);
  if (await userStub(env, who.key).checkSession(who.uid, who.sid)) return;
  await roomStub(env, roomId).signOut(who.uid, who.sid);
}
