import type { Context } from "hono";
import { InviteToken } from "../../protocol";
import type { Reader, ReadResult } from "../room/reads";
import type { AppEnv } from "./app-env";
import { HttpError } from "./errors";

/**
 * Who reads a room's data: the session's user, if any, and the invite token of the share link
 * (`?invite=`). The room checks them against its access rules in the same call as the read
 * (room/reads.ts): public rooms admit anyone, private rooms their owner, members and holders of
 * the invite, and nobody banned.
 */
export function readerOf(c: Context<AppEnv>): Reader {
  const given = c.req.query("invite");
  const invite = given === undefined ? null : InviteToken.safeParse(given);
  if (invite && !invite.success) throw new HttpError("bad_request", "Invalid invite token");
  return { userId: c.get("session")?.uid ?? null, invite: invite?.data ?? null };
}

/** The body of a room's answer to a read, or the HTTP error it stands for. */
export function bodyOf<T>(result: ReadResult<T>): T {
  if (!result) throw new HttpError("not_found", "No such room");
  if (!result.ok) throw new HttpError(result.code, result.message);
  return result.body;
}
