import { Hono } from "hono";
import {
  BanParams,
  type BansBody,
  ModerateRequest,
  type RoomOwnerBody,
  RoomParams,
  RoomPatch,
} from "../../protocol";
import type { AppEnv } from "../app-env";
import { requireSession, sessionOf } from "../auth/middleware";
import { HttpError } from "../http-error";
import type { ModerationResult } from "../room/moderation";
import { roomStub } from "../stubs";
import { valid } from "../validate";

/** Maps a room's answer to a moderation call onto HTTP. */
function moderated(result: ModerationResult | null) {
  if (!result) throw new HttpError("not_found", "No such room");
  if (!result.ok) throw new HttpError(result.code, result.message);
  return { ok: true as const, closed: result.closed };
}

/** The owner's controls over a room. The room object checks ownership; these only route. */
export const roomAdmin = new Hono<AppEnv>()
  .patch(
    "/:roomId",
    valid("param", RoomParams),
    requireSession,
    valid("json", RoomPatch),
    async (c) => {
      const patch = c.req.valid("json");
      if (patch.name === undefined && patch.topic === undefined && !patch.rotateInvite) {
        throw new HttpError("bad_request", "Nothing to change: send name, topic or rotateInvite");
      }
      const uid = sessionOf(c).uid;
      const stub = roomStub(c.env, c.req.valid("param").roomId);
      const view = await stub.ownerView(uid, patch.rotateInvite === true);
      if (view === null) throw new HttpError("not_found", "No such room");
      if (view === "forbidden")
        throw new HttpError("forbidden", "Only the room's owner can change it");
      let room = view.room;
      if (patch.name !== undefined || patch.topic !== undefined) {
        const change: { name?: string; topic?: string } = {};
        if (patch.name !== undefined) change.name = patch.name;
        if (patch.topic !== undefined) change.topic = patch.topic;
        const updated = await stub.update(uid, change);
        if (updated === null) throw new HttpError("not_found", "No such room");
        if (updated === "forbidden")
          throw new HttpError("forbidden", "Only the room's owner can change it");
        room = updated;
      }
      return c.json({ room, link: view.link } satisfies RoomOwnerBody);
    },
  )
  .get("/:roomId/invite", valid("param", RoomParams), requireSession, async (c) => {
    const view = await roomStub(c.env, c.req.valid("param").roomId).ownerView(
      sessionOf(c).uid,
      false,
    );
    if (view === null) throw new HttpError("not_found", "No such room");
    if (view === "forbidden")
      throw new HttpError("forbidden", "Only the room's owner can see its invite link");
    return c.json(view satisfies RoomOwnerBody);
  })
  .post(
    "/:roomId/kick",
    valid("param", RoomParams),
    requireSession,
    valid("json", ModerateRequest),
    async (c) => {
      const stub = roomStub(c.env, c.req.valid("param").roomId);
      return c.json(
        moderated(await stub.moderate(sessionOf(c).uid, "kick", c.req.valid("json").userId)),
      );
    },
  )
  .get("/:roomId/bans", valid("param", RoomParams), requireSession, async (c) => {
    const list = await roomStub(c.env, c.req.valid("param").roomId).bans(sessionOf(c).uid);
    if (list === null) throw new HttpError("not_found", "No such room");
    if (list === "forbidden")
      throw new HttpError("forbidden", "Only the room's owner can see its bans");
    return c.json(list satisfies BansBody);
  })
  .post(
    "/:roomId/bans",
    valid("param", RoomParams),
    requireSession,
    valid("json", ModerateRequest),
    async (c) => {
      const stub = roomStub(c.env, c.req.valid("param").roomId);
      return c.json(
        moderated(await stub.moderate(sessionOf(c).uid, "ban", c.req.valid("json").userId)),
      );
    },
  )
  .delete("/:roomId/bans/:userId", valid("param", BanParams), requireSession, async (c) => {
    const { roomId, userId } = c.req.valid("param");
    const result = moderated(
      await roomStub(c.env, roomId).moderate(sessionOf(c).uid, "unban", userId),
    );
    return c.json({ ok: result.ok });
  });
