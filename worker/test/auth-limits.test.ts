import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import app from "../index";
import { throttleStub } from "../stubs";
import { AUTH_CAPS } from "../throttle/caps";
import { login, post, register, sessionCookie, uniqueName } from "./auth-helpers";
import { ORIGIN } from "./helpers";

let address = 0;
/** A fresh client address per call, so one test's counts never leak into another's. */
function freshIp(): string {
  address += 1;
  return `198.51.100.${address}`;
}

describe("brute-force limits", () => {
  it("locks an account after too many wrong passwords, from any address, with Retry-After", async () => {
    const username = uniqueName("victim");
    await register(username, "the-right-one");
    for (let i = 0; i < AUTH_CAPS.loginPerUsername.max; i++) {
      const res = await login(username, `wrong-${i}-guess`, { ip: freshIp() });
      expect(res.status).toBe(401);
    }
    const locked = await login(username, "another-guess", { ip: freshIp() });
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ error: { code: "rate_limited" } });
    const retryAfter = Number(locked.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(AUTH_CAPS.loginPerUsername.windowSeconds);
    // Even the right password is refused while locked, so guessing learns nothing.
    const right = await login(username, "the-right-one", { ip: freshIp() });
    expect(right.status).toBe(429);
    expect(sessionCookie(right)).toBeNull();
    // Other accounts are not affected.
    const other = uniqueName("other");
    await register(other, "other-password");
    expect((await login(other, "other-password")).status).toBe(200);
  });

  it("counts parallel guesses too: no burst gets past the per-username cap", async () => {
    const username = uniqueName("burst");
    await register(username, "the-right-one");
    const results = await Promise.all(
      Array.from({ length: AUTH_CAPS.loginPerUsername.max + 5 }, (_, i) =>
        login(username, `guess-${i}-wrong`, { ip: freshIp() }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(AUTH_CAPS.loginPerUsername.max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });

  it("a successful login clears the account's failure count", async () => {
    const username = uniqueName("reset");
    await register(username, "the-right-one");
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < AUTH_CAPS.loginPerUsername.max - 1; i++) {
        expect((await login(username, "wrong-guess", { ip: freshIp() })).status).toBe(401);
      }
      expect((await login(username, "the-right-one", { ip: freshIp() })).status).toBe(200);
    }
  });

  it("limits login attempts per client address across usernames", async () => {
    const ip = freshIp();
    for (let i = 0; i < AUTH_CAPS.loginPerAddress.max; i++) {
      expect((await login(uniqueName("spray"), "some-password", { ip })).status).toBe(401);
    }
    const res = await login(uniqueName("spray"), "some-password", { ip });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another address is unaffected.
    expect((await login(uniqueName("spray"), "some-password", { ip: freshIp() })).status).toBe(401);
  });

  it("caps new accounts and new guests per client address", async () => {
    const ip = freshIp();
    for (let i = 0; i < AUTH_CAPS.registerPerAddress.max; i++) {
      await register(uniqueName("farm"), "farm-password", { ip });
    }
    const reg = await post(
      "/api/auth/register",
      { username: uniqueName("farm"), password: "farm-password" },
      { ip },
    );
    expect(reg.status).toBe(429);
    expect(reg.headers.get("Retry-After")).toMatch(/^\d+$/);

    const gip = freshIp();
    for (let i = 0; i < AUTH_CAPS.guestPerAddress.max; i++) {
      expect((await post("/api/auth/guest", { name: `g${i}` }, { ip: gip })).status).toBe(201);
    }
    const g = await post("/api/auth/guest", { name: "one more" }, { ip: gip });
    expect(g.status).toBe(429);
    expect(await g.json()).toMatchObject({ error: { code: "rate_limited" } });
  });

  it("AUTH_RATE_LIMITS=off lifts the per-address caps (load tests) but not the account lockout", async () => {
    const off = { ...env, AUTH_RATE_LIMITS: "off" };
    const call = (path: string, body: unknown, ip: string) =>
      app.fetch(
        new Request(`${ORIGIN}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", "CF-Connecting-IP": ip },
          body: JSON.stringify(body),
        }),
        off,
      );
    const ip = freshIp();
    for (let i = 0; i < AUTH_CAPS.guestPerAddress.max + 5; i++) {
      expect((await call("/api/auth/guest", { name: `bench${i}` }, ip)).status).toBe(201);
    }
    const username = uniqueName("offlock");
    await register(username, "the-right-one");
    for (let i = 0; i < AUTH_CAPS.loginPerUsername.max; i++) {
      await call("/api/auth/login", { username, password: "wrong-guess" }, ip);
    }
    const locked = await call("/api/auth/login", { username, password: "the-right-one" }, ip);
    expect(locked.status).toBe(429);
  });

  it("forgets an address once its windows have passed (alarm), and counts again after", async () => {
    const ip = freshIp();
    for (let i = 0; i < AUTH_CAPS.registerPerAddress.max; i++) {
      await register(uniqueName("wipe"), "wipe-password", { ip });
    }
    const blocked = () =>
      post(
        "/api/auth/register",
        { username: uniqueName("wipe"), password: "wipe-password" },
        { ip },
      );
    expect((await blocked()).status).toBe(429);
    const stub = throttleStub(env, ip);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const rows = await runInDurableObject(stub, (_obj, state) =>
      state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM hits").one(),
    );
    expect(rows.n).toBe(0);
    expect((await blocked()).status).toBe(201);
  });
});
