import type { Context } from "hono";
import { Hono } from "hono";
import {
  GuestRequest,
  LoginRequest,
  LogoutRequest,
  type MeBody,
  RegisterRequest,
  Username,
} from "../../protocol";
import { defaultColor } from "../edge/avatar";
import { newUserId } from "../edge/ids";
import { signOut } from "../edge/sign-out";
import { spreadProfile } from "../edge/spread-profile";
import type { AppEnv } from "../http/app-env";
import { clearSessionCookie, newGrant, setSessionCookie } from "../http/cookies";
import { HttpError } from "../http/errors";
import { humanWait, throttleAddress } from "../http/throttle";
import { valid } from "../http/validate";
import { accountKey, guestKey, roomListStub, userStub } from "../stubs";

/** One message for every wrong login, so it never tells which part was wrong. */
const BAD_LOGIN = "Wrong username or password";

/**
 * A new identity replaces the one the browser had: end that session on the server too, and close
 * the sockets opened with it.
 */
async function endPreviousSession(c: Context<AppEnv>): Promise<void> {
  const previous = c.get("session");
  if (previous) await signOut(c.env, previous, previous.sid);
}

/** Lets a bare user id be checked for existence (POST /api/dm); see RoomList.recordIdentity. */
function recordIdentity(c: Context<AppEnv>, userId: string, key: string): Promise<void> {
  return roomListStub(c.env, userId).recordIdentity(key);
}

export const auth = new Hono<AppEnv>()
  .post("/guest", valid("json", GuestRequest), async (c) => {
    await throttleAddress(c, "guest");
    const id = newUserId();
    const key = guestKey(id);
    const grant = newGrant();
    const me = await userStub(c.env, key).createGuest(
      { id, name: c.req.valid("json").name, color: defaultColor(id) },
      grant,
    );
    if (!me) throw new Error("guest id collision");
    await recordIdentity(c, id, key);
    await endPreviousSession(c);
    await setSessionCookie(c, me, key, grant);
    return c.json({ user: me } satisfies MeBody, 201);
  })

  /**
   * Creates an account. Called with a guest session, the guest becomes the account: same user
   * id (so its messages stay its own), its name and colour unless the body names another.
   */
  .post("/register", valid("json", RegisterRequest), async (c) => {
    await throttleAddress(c, "register");
    const body = c.req.valid("json");
    const key = accountKey(body.username);
    const previous = c.get("session");
    const guest = previous?.guest ? userStub(c.env, previous.key) : null;
    const reservation = guest ? await guest.reserveUpgrade(key) : null;
    // Busy: moving to another username right now; null: already moved (and forgotten).
    if (guest && (reservation === "busy" || reservation === null)) {
      throw new HttpError("conflict", "This guest is already becoming another account");
    }
    const reserved = reservation === "busy" ? null : reservation;
    const id = reserved?.id ?? newUserId();
    const grant = newGrant();
    const me = await userStub(c.env, key).register(
      {
        id,
        username: body.username,
        password: body.password,
        name: body.name ?? reserved?.name ?? body.username,
        color: reserved?.color ?? defaultColor(id),
      },
      grant,
    );
    if (!me) {
      if (reserved && guest) await guest.cancelUpgrade(key);
      throw new HttpError("conflict", `The username ${body.username} is taken`, {
        fields: { username: "This username is taken" },
      });
    }
    await recordIdentity(c, id, key);
    if (reserved && guest) {
      await guest.completeUpgrade();
      // Same user id: the guest's open sockets stay, show the account from now on, and belong
      // to the account's session in this browser (so its logout closes them).
      await spreadProfile(c.env, me, grant);
    } else await endPreviousSession(c);
    await setSessionCookie(c, me, key, grant);
    return c.json({ user: me } satisfies MeBody, 201);
  })

  .post("/login", valid("json", LoginRequest), async (c) => {
    await throttleAddress(c, "login");
    const { username, password } = c.req.valid("json");
    // No account can have a malformed name; answer like any other wrong login.
    if (!Username.safeParse(username).success) throw new HttpError("unauthorized", BAD_LOGIN);
    const key = accountKey(username);
    const grant = newGrant();
    const result = await userStub(c.env, key).login(password, grant);
    if (!result.ok) {
      if (result.reason === "locked") {
        throw new HttpError(
          "rate_limited",
          `Too many failed sign-ins for this account. Try again in ${humanWait(result.retryAfterSeconds)}.`,
          { retryAfterSeconds: result.retryAfterSeconds },
        );
      }
      throw new HttpError("unauthorized", BAD_LOGIN);
    }
    // Also records accounts created before identities were recorded at registration.
    await recordIdentity(c, result.me.id, key);
    await endPreviousSession(c);
    await setSessionCookie(c, result.me, key, grant);
    return c.json({ user: result.me } satisfies MeBody);
  })

  /**
   * Ends this session, or with `{everywhere: true}` every session of this identity, and closes
   * the sockets opened with them in every room (4401).
   */
  .post("/logout", valid("json", LogoutRequest), async (c) => {
    const session = c.get("session");
    if (session) await signOut(c.env, session, c.req.valid("json").everywhere ? null : session.sid);
    clearSessionCookie(c);
    return c.json({ ok: true });
  });
