import type { Context } from "hono";
import { throttleStub, userThrottleStub } from "../stubs";
import { ADDRESS_CAPS, type AddressBucket, addressCapsEnabled, USER_CAPS } from "../throttle/caps";
import type { AppEnv } from "./app-env";
import { HttpError } from "./errors";

const ADDRESS_WHAT: Record<AddressBucket, string> = {
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
    throw new HttpError(
      "rate_limited",
      `${ADDRESS_WHAT[bucket]}. Try again in ${humanWait(wait)}.`,
      {
        retryAfterSeconds: wait,
      },
    );
  }
}

const USER_WHAT: Record<keyof typeof USER_CAPS, string> = {
  dm: "You have started too many conversations",
};

/** Counts one use of `bucket` by `userId`; past the cap, 429 with Retry-After. */
export async function throttleUser(
  env: Env,
  userId: string,
  bucket: keyof typeof USER_CAPS,
): Promise<void> {
  const wait = await userThrottleStub(env, userId).hit(bucket, USER_CAPS[bucket]);
  if (wait > 0) {
    throw new HttpError("rate_limited", `${USER_WHAT[bucket]}. Try again in ${humanWait(wait)}.`, {
      retryAfterSeconds: wait,
    });
  }
}

export function humanWait(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}
