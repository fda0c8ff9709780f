import { Hono } from "hono";
import { nanoid } from "nanoid";
import {
  type CreateRoomBody,
  CreateRoomRequest,
  LIMITS,
  MessagesQuery,
  RoomParams,
  SearchQuery,
} from "../../protocol";
import type { AppEnv } from "../app-env";
import { requireSession, sessionOf } from "../auth/middleware";
import { checkOrigin } from "../auth/origin";
import { requireRoomAccess } from "../auth/room-guard";
import { HttpError } from "../http-error";
import { registerInDirectory } from "../lobby/register";
import { log, requestId } from "../log";
import { IDENTITY_HEADER, type Identity } from "../room/connection";
import { rememberJoin } from "../room-list/remember-join";
import { roomStub } from "../stubs";
import { valid } from "../validate";

export const rooms = new Hono<AppEnv>()
  .post("/", requireSession, valid("json", CreateRoomRequest), async (c) => {
    const session = sessionOf(c);
    const id = nanoid(12);
    const stub = roomStub(c.env, id);
    const room = await stub.create(id, c.req.valid("json"), session.uid);
    // Private rooms share a link with the invite token; the creator owns the room, so may see it.
    const view = room.visibility === "private" ? await stub.ownerView(session.uid, false) : null;
    const link = view && view !== "forbidden" ? view.link : `/r/${id}`;
    await registerInDirectory(c.env, room);
    return c.json({ room, link } satisfies CreateRoomBody, 201);
  })
  .get("/:roomId", valid("param", RoomParams), requireRoomAccess, async (c) => {
    const body = await roomStub(c.env, c.req.valid("param").roomId).describe();
    if (!body) throw new HttpError("not_found", "No such room");
    return c.json(body);
  })
  .get(
    "/:roomId/messages",
    valid("param", RoomParams),
    requireRoomAccess,
    valid("query", MessagesQuery),
    async (c) => {
      const { before, limit } = c.req.valid("query");
      const page = await roomStub(c.env, c.req.valid("param").roomId).history(
        before,
        limit ?? LIMITS.historyPageDefault,
      );
      if (!page) throw new HttpError("not_found", "No such room");
      return c.json(page);
    },
  )
  .get(
    "/:roomId/search",
    valid("param", RoomParams),
    requireRoomAccess,
    valid("query", SearchQuery),
    async (c) => {
      const { q, before, limit } = c.req.valid("query");
      const page = await roomStub(c.env, c.req.valid("param").roomId).search(
        q,
        before,
        limit ?? LIMITS.searchPageDefault,
      );
      if (!page) throw new HttpError("not_found", "No such room");
      return c.json(page);
    },
  )
  .get("/:roomId/ws", valid("param", RoomParams), requireSession, async (c) => {
    if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
      throw new HttpError("bad_request", "Expected a WebSocket upgrade");
    }
    checkOrigin(c);
    const session = sessionOf(c);
    const identity: Identity = {
      id: session.uid,
      name: session.name,
      color: session.color,
      guest: session.guest,
      ...(session.username ? { username: session.username } : {}),
      sid: session.sid,
      exp: session.exp * 1000,
    };
    // Build the request the room sees; nothing from the client's headers but the upgrade survives.
    const url = new URL(c.req.url);
    const headers = new Headers({
      Upgrade: "websocket",
      [IDENTITY_HEADER]: JSON.stringify(identity),
    });
    const roomId = c.req.valid("param").roomId;
    const res = await roomStub(c.env, roomId).fetch(new Request(url, { headers }));
    rememberJoin(c, session, roomId, res);
    // 101: the room took the socket; otherwise its refusal (401/403 access, 404 no room).
    log(res.status === 101 ? "info" : "warn", "socket_upgrade", {
      rid: requestId(c.req.raw),
      room: roomId,
      status: res.status,
    });
    return res;
  });
