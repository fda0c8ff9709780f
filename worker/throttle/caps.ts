/**
 * Brute-force and abuse caps on the identity endpoints. Counted in Durable Objects, not with the
 * Workers Rate Limiting binding: that binding counts per Cloudflare location, is eventually
 * consistent and only knows 10 s or 60 s periods, while a password guesser must be stopped over
 * minutes and everywhere at once. A Durable Object counter is exact and global: per username it
 * lives in the account's own User object (already on the login path, no extra hop), per client
 * address in a Throttle object named after the address. The Worker counts through
 * http/throttle.ts.
 */
export type Cap = { max: number; windowSeconds: number };

export const AUTH_CAPS = {
  /** Failed or pending logins to one username; past it the account refuses logins for a while. */
  loginPerUsername: { max: 10, windowSeconds: 15 * 60 },
  /** Login attempts from one client address, to any usernames. */
  loginPerAddress: { max: 30, windowSeconds: 15 * 60 },
  /** Accounts created from one client address. */
  registerPerAddress: { max: 10, windowSeconds: 60 * 60 },
  /** Guest identities created from one client address. */
  guestPerAddress: { max: 60, windowSeconds: 60 * 60 },
} as const satisfies Record<string, Cap>;

export type AddressBucket = "login" | "register" | "guest";

export const ADDRESS_CAPS: Record<AddressBucket, Cap> = {
  login: AUTH_CAPS.loginPerAddress,
  register: AUTH_CAPS.registerPerAddress,
  guest: AUTH_CAPS.guestPerAddress,
};

/**
 * `AUTH_RATE_LIMITS=off` turns the per-address caps off, for load tests that create hundreds of
 * guests from one machine. Never in production. The per-username login lockout stays on: it
 * protects each account and costs a load test nothing.
 */
export function addressCapsEnabled(env: { AUTH_RATE_LIMITS?: string }): boolean {
  return (env.AUTH_RATE_LIMITS ?? "on").trim().toLowerCase() !== "off";
}

/**
 * Per-user caps on actions that reach other people's objects. Opening a DM writes to the other
 * user's room list, so it is capped per initiator: generous for people, a wall for a script
 * filling strangers' lists. Every call counts, reopening an existing conversation too (the
 * client only calls it when someone asks to start a conversation). Counted in a Throttle object
 * named `user:<id>`.
 */
export const USER_CAPS = {
  dm: { max: 30, windowSeconds: 10 * 60 },
} as const satisfies Record<string, Cap>;
