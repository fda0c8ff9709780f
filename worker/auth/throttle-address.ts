import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { HttpError } from "../http-error";
import { throttleStub } from "../stubs";
import { ADDRESS_CAPS, type AddressBucket, addressCapsEnabled } from "./rate-limits";

const WHAT: Record<AddressBucket, string> = {
  login: "Too many sign-in attempts from your network",
  register: "Too many new accounts from your network",
  guest: "Too many new guests from your network",
};

/**
 * Counts one use of `bucket` by the client's address and refuses it (429 with Retry-After) past
 * the cap. The address is CF-Connecting-IP, which Cloudflare's edge (and `wrangler dev`) always
 * set and clients cannot forge there; a request without it (only in-process test calls) is not
 * counted.
 */
export async function throttleAddress(c: Context<AppEnv>, bucket: AddressBucket): Promise<void> {
  if (!addressCapsEnabled(c.env)) return;
  const address = c.req.header("CF-Connecting-IP");
  if (!address) return;
  const wait = await throttleStub(c.env, address).hit(bucket, ADDRESS_CAPS[bucket]);
  if (wait > 0) {
    throw new HttpError("rate_limited", `${WHAT[bucket]}. Try again in ${humanWait(wait)}.`, {
      retryAfterSeconds: wait,
    });
  }
}

export function humanWait(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}
