import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { MyRoomsBody } from "../../protocol";
import { newUserId } from "../edge/ids";
import { IDENTITY_KEY } from "../room-list/store";
import { roomListStub } from "../stubs";
import { USER_CAPS } from "../throttle/caps";
import { login, post, register, uniqueName } from "./auth-helpers";
import { api, connect, createRoom, guest, json } from "./helpers";
import { joined } from "./live-identity-helpers";

/** Makes an identity look like one created before identities were recorded. */
async function forgetRecord(userId: string) {
  await runInDurableObject(roomListStub(env, userId), async (_instance, state) => {
    state.storage.kv.delete(IDENTITY_KEY);
  });
}

function startDm(cookie: string, userId: string, name?: string) {
  return api("/api/dm", json(name === undefined ? { userId } : { userId, name }, cookie));
}

async function dmNames(cookie: string): Promise<string[]> {
  const body = (await (await api("/api/me/rooms", { headers: { cookie } })).json()) as MyRoomsBody;
  return body.rooms.filter((r) => r.dmWith !== null).map((r) => r.name);
}

describe("opening a direct message", () => {
  it("answers 404 for a user id that names nobody, and writes nothing for it", async () => {
    const ana = await guest("Ana");
    const nobody = newUserId();
    const res = await startDm(ana.cookie, nobody, "Ghost");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    expect(await roomListStub(env, nobody).joinedRooms()).toEqual([]);
    expect(await dmNames(ana.cookie)).toEqual([]);
  });

  it("answers 404 for a guest that signed out and was forgotten", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    expect((await post("/api/auth/logout", {}, { cookie: ben.cookie })).status).toBe(200);
    expect((await startDm(ana.cookie, ben.me.id, "Ben")).status).toBe(404);
  });

  it("finds accounts, upgraded guests included, and names them by their real display name", async () => {
    const ana = await guest("Ana");
    const account = await register(uniqueName("dmacct"), "correct horse battery", {
      name: "Real Name",
    });
    expect((await startDm(ana.cookie, account.me.id, "Made Up")).status).toBe(201);

    const ben = await guest("Ben");
    await register(uniqueName("dmupg"), "correct horse battery", { cookie: ben.cookie });
    // Without a name: the server knows it.
    expect((await startDm(ana.cookie, ben.me.id)).status).toBe(201);
    expect((await dmNames(ana.cookie)).sort()).toEqual(["Ben", "Real Name"]);
  });

  it("finds an identity older than the record once it signs in or joins a room", async () => {
    const ana = await guest("Ana");
    const username = uniqueName("dmold");
    const old = await register(username, "correct horse battery");
    await forgetRecord(old.me.id);
    expect((await startDm(ana.cookie, old.me.id)).status).toBe(404);
    expect((await login(username, "correct horse battery")).status).toBe(200);
    expect((await startDm(ana.cookie, old.me.id)).status).toBe(201);

    const ben = await guest("Ben");
    await forgetRecord(ben.me.id);
    expect((await startDm(ana.cookie, ben.me.id)).status).toBe(404);
    const roomId = await createRoom(ben.cookie, "Ben's room");
    await connect(roomId, ben.cookie);
    await joined(ben.me.id, roomId);
    expect((await startDm(ana.cookie, ben.me.id)).status).toBe(201);
  });

  it("caps the conversations one user opens per window with 429 and Retry-After", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const cap = USER_CAPS.dm.max;
    for (let i = 0; i < cap; i++) expect((await startDm(ana.cookie, ben.me.id)).status).toBe(201);

    const refused = await startDm(ana.cookie, ben.me.id);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited" } });
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(USER_CAPS.dm.windowSeconds);
    // Unknown ids count too, so the cap also bounds lookups.
    expect((await startDm(ana.cookie, newUserId())).status).toBe(429);
    // The cap is per user: Ben can still open the same conversation.
    expect((await startDm(ben.cookie, ana.me.id)).status).toBe(201);
  });
});
