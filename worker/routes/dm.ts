import { Hono } from "hono";
import { type CreateRoomBody, StartDmRequest } from "../../protocol";
import { dmRoomId } from "../edge/dm-id";
import { findUser } from "../edge/find-user";
import type { AppEnv } from "../http/app-env";
import { HttpError } from "../http/errors";
import { requireSession, sessionOf } from "../http/session";
import { throttleUser } from "../http/throttle";
import { valid } from "../http/validate";
import { roomListStub, roomStub } from "../stubs";

/**
 * POST /api/dm: opens (or reopens) the direct conversation with another user. The room id comes
 * from the pair, so starting twice, from either side, lands in the same room; both people get
 * it in their room list at once. The other user must exist (404), and each user may open only
 * so many conversations per window (429), since every call writes to the other person's list.
 */
export const dm = new Hono<AppEnv>().post(
  "/",
  requireSession,
  valid("json", StartDmRequest),
  async (c) => {
    const me = sessionOf(c);
    const other = c.req.valid("json");
    if (other.userId === me.uid) throw new HttpError("bad_request", "You cannot message yourself");
    await throttleUser(c.env, me.uid, "dm");
    const peer = await findUser(c.env, other.userId);
    if (!peer) throw new HttpError("not_found", "No such user");
    const id = await dmRoomId(me.uid, other.userId);
    const room = await roomStub(c.env, id).openDm(id, me.uid, other.userId);
    if (!room) throw new HttpError("conflict", "This conversation cannot be opened");
    await Promise.all([
      roomListStub(c.env, me.uid).rememberRoom(id, { id: peer.id, name: peer.name }),
      roomListStub(c.env, other.userId).rememberRoom(id, { id: me.uid, name: me.name }),
    ]);
    return c.json({ room, link: `/r/${id}` } satisfies CreateRoomBody, 201);
  },
);
