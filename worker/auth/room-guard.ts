import { createMiddleware } from "hono/factory";
import { InviteToken } from "../../protocol";
import type { AppEnv } from "../app-env";
import { HttpError } from "../http-error";
import { roomStub } from "../stubs";

/**
 * Lets a request at a room's data through only if the room admits the caller (see
 * RoomAccess.admit): public rooms admit anyone, private rooms their owner, members and holders
 * of the invite token (`?invite=`), and nobody banned. Mount after the roomId param validator.
 */
export const requireRoomAccess = createMiddleware<AppEnv>(async (c, next) => {
  const roomId = c.req.param("roomId") ?? "";
  const given = c.req.query("invite");
  const invite = given === undefined ? null : InviteToken.safeParse(given);
  if (invite && !invite.success) throw new HttpError("bad_request", "Invalid invite token");
  const verdict = await roomStub(c.env, roomId).admit(
    c.get("session")?.uid ?? null,
    invite?.data ?? null,
  );
  if (!verdict) throw new HttpError("not_found", "No such room");
  if (!verdict.ok) throw new HttpError(verdict.code, verdict.message);
  await next();
});
