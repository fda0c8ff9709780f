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
import { registerInDirectory } from "../edge/list-new-room";
import { rememberJoin } from "../edge/remember-join";
import type { AppEnv } from "../http/app-env";
import { HttpError } from "../http/errors";
import { checkOrigin } from "../http/origin";
import { bodyOf, readerOf } from "../http/room-read";
import { requireSession, sessionOf } from "../http/session";
import { valid } from "../http/validate";
import { log, requestId } from "../log";
import { IDENTITY_HEADER, type Identity } from "../room/connection";
import { roomStub } from "../stubs";

export const rooms = new Hono<AppEnv>()
  .post("/", requireSession, valid("json", CreateRoomRequest), async (c) => {
    const session = sessionOf(c);
    const id = nanoid(12);
    // The owner's view: private rooms share a link with the invite token.
    const view = await roomStub(c.env, id).create(id, c.req.valid("json"), session.uid);
    await registerInDirectory(c.env, view.room);
    return c.json(view satisfies CreateRoomBody, 201);
  })
  .get("/:roomId", valid("param", RoomParams), async (c) => {
    const stub = roomStub(c.env, c.req.valid("param").roomId);
    return c.json(bodyOf(await stub.describe(readerOf(c))));
  })
  .get(
    "/:roomId/messages",
    valid("param", RoomParams),
    valid("query", MessagesQuery),
    async (c) => {
      const { before, limit } = c.req.valid("query");
      const stub = roomStub(c.env, c.req.valid("param").roomId);
      const page = await stub.history(readerOf(c), before, limit ?? LIMITS.historyPageDefault);
      return c.json(bodyOf(page));
    },
  )
  .get("/:roomId/search", valid("param", RoomParams), valid("query", SearchQuery), async (c) => {
    const { q, before, limit } = c.req.valid("query");
    const stub = roomStub(c.env, c.req.valid("param").roomId);
    const page = await stub.search(readerOf(c), q, before, limit ?? LIMITS.searchPageDefault);
    return c.json(bodyOf(page));
  })
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
