import { Hono } from "hono";
import {
  BanParams,
  type BansBody,
  ModerateRequest,
  type RoomOwnerBody,
  RoomParams,
  RoomPatch,
} from "../../protocol";
import type { AppEnv } from "../http/app-env";
import { HttpError } from "../http/errors";
import { requireSession, sessionOf } from "../http/session";
import { valid } from "../http/validate";
import type { ModerationResult } from "../room/moderation";
import { roomStub } from "../stubs";

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
      const stub = roomStub(c.env, c.req.valid("param").roomId);
      const view = await stub.change(sessionOf(c).uid, patch);
      if (view === null) throw new HttpError("not_found", "No such room");
      if (view === "forbidden")
        throw new HttpError("forbidden", "Only the room's owner can change it");
      return c.json(view satisfies RoomOwnerBody);
    },
  )
  .get("/:roomId/invite", valid("param", RoomParams), requireSession, async (c) => {
    const view = await roomStub(c.env, c.req.valid("param").roomId).ownerView(sessionOf(c).uid);
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
