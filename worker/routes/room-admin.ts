import { Hono } from "hono";
import { createFactory } from "hono/factory";
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
import type { ModerationAction, ModerationResult } from "../room/moderation";
import { roomStub } from "../stubs";

/** Maps a room's answer to a moderation call onto HTTP. */
function moderated(result: ModerationResult | null) {
  if (!result) throw new HttpError("not_found", "No such room");
  if (!result.ok) throw new HttpError(result.code, result.message);
  return { ok: true as const, closed: result.closed };
}

/** A room's answer to an owner-only call, or the HTTP error it stands for. */
function ownerOnly<T>(answer: T | "forbidden" | null, refusal: string): T {
  if (answer === null) throw new HttpError("not_found", "No such room");
  if (answer === "forbidden") throw new HttpError("forbidden", refusal);
  return answer;
}

/** POST /:roomId/kick and /:roomId/bans: one user out of the room, by its owner. */
const removal = (action: Exclude<ModerationAction, "unban">) =>
  createFactory<AppEnv>().createHandlers(
    valid("param", RoomParams),
    requireSession,
    valid("json", ModerateRequest),
    async (c) => {
      const stub = roomStub(c.env, c.req.valid("param").roomId);
      const { userId } = c.req.valid("json");
      return c.json(moderated(await stub.moderate(sessionOf(c).uid, action, userId)));
    },
  );

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
      return c.json(ownerOnly(view, "Only the room's owner can change it") satisfies RoomOwnerBody);
    },
  )
  .get("/:roomId/invite", valid("param", RoomParams), requireSession, async (c) => {
    const view = await roomStub(c.env, c.req.valid("param").roomId).ownerView(sessionOf(c).uid);
    const refusal = "Only the room's owner can see its invite link";
    return c.json(ownerOnly(view, refusal) satisfies RoomOwnerBody);
  })
  .post("/:roomId/kick", ...removal("kick"))
  .get("/:roomId/bans", valid("param", RoomParams), requireSession, async (c) => {
    const list = await roomStub(c.env, c.req.valid("param").roomId).bans(sessionOf(c).uid);
    return c.json(ownerOnly(list, "Only the room's owner can see its bans") satisfies BansBody);
  })
  .post("/:roomId/bans", ...removal("ban"))
  .delete("/:roomId/bans/:userId", valid("param", BanParams), requireSession, async (c) => {
    const { roomId, userId } = c.req.valid("param");
    const result = moderated(
      await roomStub(c.env, roomId).moderate(sessionOf(c).uid, "unban", userId),
    );
    return c.json({ ok: result.ok });
  });
