import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { MeBody } from "../../protocol";
import { signSession } from "../http/session-token";
import { userStub } from "../stubs";
import { PBKDF2_ITERATIONS } from "../user/password";
import { getMe, login, post, register, sessionCookie, uniqueName } from "./auth-helpers";
import { api, guest } from "./helpers";

describe("accounts", () => {
  it("registers, logs in, logs out, and a copied cookie stops working after logout", async () => {
    const username = uniqueName("Ana");
    const { cookie, me } = await register(username, "s3cret-password", { name: "Ana B" });
    expect(me).toMatchObject({ username, name: "Ana B", guest: false });

    const whoami = await getMe(cookie);
    expect(whoami.status).toBe(200);
    expect(((await whoami.json()) as MeBody).user.id).toBe(me.id);

    const copied = cookie;
    const out = await post("/api/auth/logout", {}, { cookie });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().join()).toMatch(/parley_session=;/);
    expect((await getMe(copied)).status).toBe(401);

    const res = await login(username.toUpperCase(), "s3cret-password");
    expect(res.status).toBe(200);
    const again = sessionCookie(res);
    expect(again).not.toBeNull();
    expect(((await res.json()) as MeBody).user.id).toBe(me.id);
    expect((await getMe(again as string)).status).toBe(200);
  });

  it("sets an HttpOnly, SameSite=Lax, expiring cookie, Secure only over HTTPS", async () => {
    const plain = await post("/api/auth/guest", { name: "Cookie" });
    const header = plain.headers.getSetCookie()[0] ?? "";
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Max-Age=\d+/);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toMatch(/Secure/);
    const { exports } = await import("cloudflare:workers");
    const secure = await exports.default.fetch(
      new Request("https://parley.test/api/auth/guest", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "Cookie" }),
      }),
    );
    expect(secure.headers.getSetCookie()[0]).toMatch(/Secure/);
  });

  it("logs out everywhere: every session of the account stops working", async () => {
    const username = uniqueName("multi");
    const first = await register(username, "password-one");
    const second = sessionCookie(await login(username, "password-one")) as string;
    const other = await register(uniqueName("bystander"), "password-two");
    expect((await getMe(second)).status).toBe(200);

    const res = await post("/api/auth/logout", { everywhere: true }, { cookie: second });
    expect(res.status).toBe(200);
    expect((await getMe(first.cookie)).status).toBe(401);
    expect((await getMe(second)).status).toBe(401);
    expect((await getMe(other.cookie)).status).toBe(200);
    // Without a session there is nothing to end; the answer is the same.
    expect((await post("/api/auth/logout", { everywhere: true })).status).toBe(200);
    expect((await post("/api/auth/logout", { everywhere: "yes" })).status).toBe(400);
    // A plain logout (no body at all, as browsers send it) ends only its own session.
    const third = sessionCookie(await login(username, "password-one")) as string;
    const fourth = sessionCookie(await login(username, "password-one")) as string;
    const plain = await api("/api/auth/logout", { method: "POST", headers: { cookie: third } });
    expect(plain.status).toBe(200);
    expect((await getMe(third)).status).toBe(401);
    expect((await getMe(fourth)).status).toBe(200);
  });

  it("refuses a username that exists in another case", async () => {
    const username = uniqueName("Case");
    await register(username);
    const res = await post("/api/auth/register", {
      username: username.toLowerCase(),
      password: "another-password",
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: { code: "conflict", fields: { username: expect.any(String) } },
    });
  });

  it("lets exactly one of two simultaneous registrations of a name (any case) win", async () => {
    const username = uniqueName("Race");
    const results = await Promise.all(
      [username, username.toLowerCase(), username.toUpperCase()].map((name, i) =>
        post("/api/auth/register", { username: name, password: `race-password-${i}` }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it("validates usernames, passwords and names", async () => {
    for (const body of [
      { username: "ab", password: "long-enough" },
      { username: "has space", password: "long-enough" },
      { username: "a:b", password: "long-enough" },
      { username: uniqueName(), password: "short" },
      { username: uniqueName(), password: "long-enough", name: "\u0007bell" },
    ]) {
      const res = await post("/api/auth/register", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "bad_request" } });
    }
  });

  it("refuses a wrong password and an unknown user with the same answer", async () => {
    const username = uniqueName("pw");
    await register(username, "right-password");
    const wrong = await login(username, "wrong-password");
    const unknown = await login(uniqueName("nobody"), "right-password");
    const malformed = await login("not a name!", "right-password");
    for (const res of [wrong, unknown, malformed]) {
      expect(res.status).toBe(401);
      expect(sessionCookie(res)).toBeNull();
    }
    const bodies = await Promise.all([wrong.json(), unknown.json(), malformed.json()]);
    expect(bodies[0]).toEqual({
      error: { code: "unauthorized", message: "Wrong username or password" },
    });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it("stores a salted PBKDF2 hash, never the password", async () => {
    const a = uniqueName("hash");
    const b = uniqueName("hash");
    await register(a, "same-password");
    await register(b, "same-password");
    const read = (name: string) =>
      runInDurableObject(userStub(env, name), (_obj, state) =>
        state.storage.sql
          .exec<{
            password_hash: ArrayBuffer;
            password_salt: ArrayBuffer;
            password_iterations: number;
          }>("SELECT password_hash, password_salt, password_iterations FROM account")
          .one(),
      );
    const [ra, rb] = await Promise.all([read(a), read(b)]);
    expect(ra.password_iterations).toBe(PBKDF2_ITERATIONS);
    expect(ra.password_hash.byteLength).toBe(32);
    expect(ra.password_salt.byteLength).toBe(16);
    const hex = (x: ArrayBuffer) => [...new Uint8Array(x)].join(",");
    expect(hex(ra.password_salt)).not.toBe(hex(rb.password_salt));
    expect(hex(ra.password_hash)).not.toBe(hex(rb.password_hash));
  });

  it("refuses tampered, forged and expired cookies", async () => {
    const { cookie, me } = await register(uniqueName("forge"));
    const [name, token] = cookie.split("=") as [string, string];
    const [payload, sig] = token.split(".") as [string, string];
    const flipped = `${name}=${payload.slice(0, -2)}AA.${sig}`;
    expect((await getMe(flipped)).status).toBe(401);

    const claims = JSON.parse(atob(payload.replaceAll("-", "+").replaceAll("_", "/")));
    const wrongKey = await signSession({ ...claims }, "another-secret-another-secret-0123456789");
    expect((await getMe(`${name}=${wrongKey}`)).status).toBe(401);

    const expired = await signSession(
      { ...claims, exp: Math.floor(Date.now() / 1000) - 1 },
      env.SESSION_SECRET,
    );
    expect((await getMe(`${name}=${expired}`)).status).toBe(401);

    // Correctly signed, but naming a session the account never issued.
    const invented = await signSession({ ...claims, sid: "made-up-session" }, env.SESSION_SECRET);
    expect((await getMe(`${name}=${invented}`)).status).toBe(401);
    // Correctly signed, naming a real session but another user id.
    const otherUser = await signSession({ ...claims, uid: "someoneelse123" }, env.SESSION_SECRET);
    expect((await getMe(`${name}=${otherUser}`)).status).toBe(401);
    expect(me.guest).toBe(false);
  });
});

describe("session expiry", () => {
  it("stops honouring a session whose server-side expiry has passed", async () => {
    const username = uniqueName("expiry");
    const { cookie } = await register(username);
    expect((await getMe(cookie)).status).toBe(200);
    await runInDurableObject(userStub(env, username), (_obj, state) => {
      state.storage.sql.exec("UPDATE sessions SET expires_at = ?", Date.now() - 1);
    });
    expect((await getMe(cookie)).status).toBe(401);
  });
});

describe("guests", () => {
  it("gives a guest its own identity and a revocable session", async () => {
    const a = await guest("Gia");
    const b = await guest("Gia");
    expect(a.me).toMatchObject({ name: "Gia", guest: true, username: null });
    expect(a.me.id).not.toBe(b.me.id);
    expect((await getMe(a.cookie)).status).toBe(200);
    await post("/api/auth/logout", {}, { cookie: a.cookie });
    expect((await getMe(a.cookie)).status).toBe(401);
    expect((await getMe(b.cookie)).status).toBe(200);
  });

  it("forgets a guest whose last session ended; its stale cookie is simply refused", async () => {
    const g = await guest("Gone");
    const stub = userStub(env, `guest:${g.me.id}`);
    const rows = () =>
      runInDurableObject(
        stub,
        (_obj, state) =>
          state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM account").one().n,
      );
    expect(await rows()).toBe(1);
    await post("/api/auth/logout", {}, { cookie: g.cookie });
    expect(await rows()).toBe(0);
    const again = await getMe(g.cookie);
    expect(again.status).toBe(401);
  });

  it("forgets a guest when its session expires (alarm), not before", async () => {
    const g = await guest("Expiring");
    const stub = userStub(env, `guest:${g.me.id}`);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await getMe(g.cookie)).status).toBe(200);
    await runInDurableObject(stub, async (_obj, state) => {
      state.storage.sql.exec("UPDATE sessions SET expires_at = ?", Date.now() - 1);
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const left = await runInDurableObject(
      stub,
      (_obj, state) =>
        state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM account").one().n,
    );
    expect(left).toBe(0);
    expect((await getMe(g.cookie)).status).toBe(401);
  });

  it("turns a guest into an account that keeps the same id, name and colour", async () => {
    const g = await guest("Gus");
    const username = uniqueName("gus");
    const { cookie, me } = await register(username, "gus-password", { cookie: g.cookie });
    expect(me).toMatchObject({
      id: g.me.id,
      name: "Gus",
      color: g.me.color,
      guest: false,
      username,
    });
    // The guest cookie is gone; the account works with its new cookie and with a login.
    expect((await getMe(g.cookie)).status).toBe(401);
    expect((await getMe(cookie)).status).toBe(200);
    const res = await login(username, "gus-password");
    expect(((await res.json()) as MeBody).user.id).toBe(g.me.id);
  });

  it("does not upgrade a guest when the username is taken, and the guest keeps working", async () => {
    const taken = uniqueName("taken");
    await register(taken);
    const g = await guest("Gwen");
    const res = await post(
      "/api/auth/register",
      { username: taken, password: "whatever-pass" },
      { cookie: g.cookie },
    );
    expect(res.status).toBe(409);
    expect((await getMe(g.cookie)).status).toBe(200);
    const fresh = await register(uniqueName("gwen"), "gwen-password", { cookie: g.cookie });
    expect(fresh.me.id).toBe(g.me.id);
  });

  it("turns one guest into at most one account, even when asked twice at once", async () => {
    const g = await guest("Twin");
    const names = [uniqueName("twin"), uniqueName("twin")];
    const results = await Promise.all(
      names.map((username) =>
        post("/api/auth/register", { username, password: "twin-password" }, { cookie: g.cookie }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
    const won = results.find((r) => r.status === 201) as Response;
    expect(((await won.json()) as MeBody).user.id).toBe(g.me.id);
  });

  it("gives an account registered from another account's session a new id", async () => {
    const first = await register(uniqueName("first"));
    const second = await register(uniqueName("second"), "pass-word-2", { cookie: first.cookie });
    expect(second.me.id).not.toBe(first.me.id);
    // Switching identity ended the old session on the server.
    expect((await getMe(first.cookie)).status).toBe(401);
  });
});

describe("profile", () => {
  it("changes display name and colour; GET /api/me shows them", async () => {
    const { cookie } = await register(uniqueName("prof"), "profile-pass", { name: "Old" });
    const patch = (body: unknown, c = cookie) =>
      api("/api/me", {
        method: "PATCH",
        headers: { "content-type": "application/json", cookie: c },
        body: JSON.stringify(body),
      });
    const res = await patch({ name: "  New Name  ", color: "#12a594" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as MeBody).user).toMatchObject({
      name: "New Name",
      color: "#12a594",
    });
    expect(((await (await getMe(cookie)).json()) as MeBody).user.name).toBe("New Name");

    expect((await patch({ color: "red" })).status).toBe(400);
    expect((await patch({ name: "" })).status).toBe(400);
    expect((await patch({ name: "x".repeat(41) })).status).toBe(400);
    expect((await patch({ name: "a\u0000b" })).status).toBe(400);
    expect((await patch({ name: "Nope" }, "parley_session=bogus")).status).toBe(401);
  });
});

describe("public profiles", () => {
  it("shows an account by username (any case) to signed-in users; guests and strangers get 404", async () => {
    const username = uniqueName("Pub");
    const { me } = await register(username, "public-pass", { name: "Pub Lic" });
    const viewer = await guest("Viewer");
    const res = await api(`/api/users/${username.toUpperCase()}`, {
      headers: { cookie: viewer.cookie },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: Record<string, unknown> };
    expect(body.user).toMatchObject({ id: me.id, username, name: "Pub Lic", color: me.color });
    expect(Object.keys(body.user).sort()).toEqual(["color", "createdAt", "id", "name", "username"]);
    expect(
      (await api(`/api/users/${uniqueName("none")}`, { headers: { cookie: viewer.cookie } }))
        .status,
    ).toBe(404);
    expect((await api(`/api/users/${username}`)).status).toBe(401);
    expect((await api("/api/users/bad:name", { headers: { cookie: viewer.cookie } })).status).toBe(
      400,
    );
  });
});
