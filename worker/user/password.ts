/**
 * Password hashing: PBKDF2-HMAC-SHA-256 through WebCrypto, 16-byte random salt per user, 32-byte
 * key. The iteration count is stored with each hash so it can be raised later without breaking
 * existing accounts (a login re-hashes with the current count).
 *
 * 100,000 is the most the Workers runtime accepts in production: workerd rejects higher counts
 * with "Pbkdf2 failed: iteration counts above 100000 are not supported" (its
 * DEFAULT_MAX_PBKDF2_ITERATIONS, cloudflare/workerd#1346). The local workerd has no cap, so a
 * higher count would pass every local test and then fail every login in production.
 */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const KEY_BITS = 256;

export type PasswordHash = { hash: Uint8Array; salt: Uint8Array; iterations: number };

const encoder = new TextEncoder();

async function derive(password: string, salt: Uint8Array, iterations: number) {
  const key = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: new Uint8Array(salt), iterations },
    key,
    KEY_BITS,
  );
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return {
    hash: await derive(password, salt, PBKDF2_ITERATIONS),
    salt,
    iterations: PBKDF2_ITERATIONS,
  };
}

/** True when `password` matches; the comparison takes the same time wherever the bytes differ. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const iterations = Math.min(stored.iterations, PBKDF2_ITERATIONS);
  const candidate = await derive(password, stored.salt, iterations);
  if (candidate.byteLength !== stored.hash.byteLength) return false;
  return crypto.subtle.timingSafeEqual(candidate, new Uint8Array(stored.hash));
}

/**
 * Burns the same work as a real check, for logins to accounts that do not exist: the response
 * time then says nothing about whether a username is registered.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  await derive(password, new Uint8Array(SALT_BYTES), PBKDF2_ITERATIONS);
}
