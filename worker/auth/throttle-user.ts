import { HttpError } from "../http-error";
import { userThrottleStub } from "../stubs";
import type { Cap } from "./rate-limits";
import { humanWait } from "./throttle-address";

/**
 * Per-user caps on actions that reach other people's objects. Opening a DM writes to the other
 * user's room list, so it is capped per initiator: generous for people, a wall for a script
 * filling strangers' lists. Every call counts, reopening an existing conversation too (the
 * client only calls it when someone asks to start a conversation).
 */
export const USER_CAPS = {
  dm: { max: 30, windowSeconds: 10 * 60 },
} as const satisfies Record<string, Cap>;

const WHAT: Record<keyof typeof USER_CAPS, string> = {
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
    throw new HttpError("rate_limited", `${WHAT[bucket]}. Try again in ${humanWait(wait)}.`, {
      retryAfterSeconds: wait,
    });
  }
}
