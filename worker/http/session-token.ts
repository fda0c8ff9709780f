import * as z from "zod/mini";

/**
 * A session is a signed, expiring token in an HttpOnly cookie: `<payload>.<signature>`, both
 * base64url, HMAC-SHA-256 over the payload with SESSION_SECRET. The payload only names the
 * identity and the session; the User object that holds the identity must still list the session
 * (logout deletes it there, so a copied cookie stops working), and it supplies the current
 * profile, so a renamed user shows the new name on the next request.
 */
export const SessionClaims = z.object({
  /** User id. */
  uid: z.string(),
  /** Session id, so one session can be revoked without the others. */
  sid: z.string(),
  /** Name of the User object holding the identity (see `userKey`). */
  key: z.string(),
  /** Expiry, seconds since the epoch. */
  exp: z.number(),
});
export type SessionClaims = z.infer<typeof SessionClaims>;

/** A session that passed both checks (signature and the User object), with the current profile. */
export type Session = SessionClaims & {
  name: string;
  color: string;
  guest: boolean;
  username: string | null;
};

export const SESSION_COOKIE = "parley_session";
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    keys.set(secret, key);
  }
  return key;
}

function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Bytes of unpadded base64url text, or null for anything else; never throws. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  // A length of 4n + 1 is not base64 of anything (atob throws on it).
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  let bin: string;
  try {
    bin = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    return null;
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  // Only the canonical text: otherwise unused low bits in the last character would let several
  // cookie values carry the same signature.
  return toBase64Url(out) === text ? out : null;
}

function requireSecret(secret: string | undefined): string {
  if (!secret || secret.length < 32) {
    throw new Error("SESSION_SECRET is missing or shorter than 32 characters (see README)");
  }
  return secret;
}

export async function signSession(claims: SessionClaims, secret: string | undefined) {
  const payload = toBase64Url(encoder.encode(JSON.stringify(claims)));
  const key = await hmacKey(requireSecret(secret));
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(payload)));
  return `${payload}.${toBase64Url(sig)}`;
}

/** The claims of a well-signed, unexpired token, or null. Signature check is constant-time. */
export async function verifySession(
  token: string | undefined,
  secret: string | undefined,
  now = Date.now(),
): Promise<SessionClaims | null> {
  if (!token || token.length > 2048) return null;
  const [payload, sig, extra] = token.split(".");
  if (!payload || !sig || extra !== undefined) return null;
  const sigBytes = fromBase64Url(sig);
  const payloadBytes = fromBase64Url(payload);
  if (!sigBytes || !payloadBytes) return null;
  const key = await hmacKey(requireSecret(secret));
  const ok = await crypto.subtle.verify("HMAC", key, sigBytes, encoder.encode(payload));
  if (!ok) return null;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(payloadBytes));
  } catch {
    return null;
  }
  const claims = SessionClaims.safeParse(json);
  if (!claims.success || claims.data.exp * 1000 <= now) return null;
  return claims.data;
}
