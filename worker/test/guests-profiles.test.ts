import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { MeBody } from "../../protocol";
import { userStub } from "../stubs";
import { getMe, login, post, register, uniqueName } from "./auth-helpers";
import { api, guest } from "./helpers";

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
