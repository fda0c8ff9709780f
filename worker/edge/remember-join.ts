import type { Context } from "hono";
import type { AppEnv } from "../http/app-env";
import { roomListStub, roomStub } from "../stubs";

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
 * Records the join, and closes the socket if its session was signed out meanwhile. A sign-out
 * (edge/sign-out.ts) records its ended sessions in the room list and reads the rooms from it in
 * one call; this records the room and checks for an ended session in one call to the same
 * object. So either the sign-out saw this room and closes the socket itself, or this sees the
 * ended session: no socket escapes a sign-out that raced with its join, at no extra call.
 */
export async function recordJoin(env: Env, who: Joiner, roomId: string): Promise<void> {
  // The identity key too: users who signed up before it was recorded get it on their next join.
  const live = await roomListStub(env, who.uid).rememberRoom(roomId, undefined, {
    key: who.key,
    sid: who.sid,
  });
  if (!live) await roomStub(env, roomId).signOut(who.uid, who.sid);
}
