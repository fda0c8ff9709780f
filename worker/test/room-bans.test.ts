import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BansBody, LIMITS, type MessagesBody } from "../../protocol";
import { roomStub } from "../stubs";
import { register, uniqueName } from "./auth-helpers";
import { api, connect, createRoom, guest } from "./helpers";

function as(method: string, cookie: string | null): RequestInit {
  return { method, headers: cookie ? { cookie } : {} };
}

async function bansOf(roomId: string, cookie: string): Promise<BansBody> {
  const res = await api(`/api/rooms/${roomId}/bans`, as("GET", cookie));
  expect(res.status).toBe(200);
  const parsed = BansBody.safeParse(await res.json());
  expect(parsed.success, JSON.stringify(parsed.error)).toBe(true);
  return parsed.data as BansBody;
}

function ban(roomId: string, cookie: string, userId: string) {
  return api(`/api/rooms/${roomId}/bans`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify({ userId }),
  });
}

describe("the owner's list of bans", () => {
  it("lists who is banned, newest first, with the name the room knew; lifting one removes it", async () => {
    const owner = await guest("Olga");
    const username = uniqueName("ben");
    const ben = await register(username, undefined, { name: "Ben B" });
    const cid = await guest("Cid");
    const roomId = await createRoom(owner.cookie);
    expect((await bansOf(roomId, owner.cookie)).bans).toEqual([]);

    // Ben is here (an account); Cid posted once and left; Dee was never in the room.
    await connect(roomId, ben.cookie);
    const c = await connect(roomId, cid.cookie);
    c.send({ type: "send", clientId: "cid-post-1", text: "hi" });
    await c.next("ack");
    c.ws.close(1000, "bye");
    const dee = await guest("Dee");

    expect((await ban(roomId, owner.cookie, cid.me.id)).status).toBe(200);
    expect((await ban(roomId, owner.cookie, dee.me.id)).status).toBe(200);
    expect((await ban(roomId, owner.cookie, ben.me.id)).status).toBe(200);

    const { bans, hasMore } = await bansOf(roomId, owner.cookie);
    expect(hasMore).toBe(false);
    expect(bans.map((x) => x.id).sort()).toEqual([ben.me.id, cid.me.id, dee.me.id].sort());
    const byId = new Map(bans.map((x) => [x.id, x]));
    expect(byId.get(ben.me.id)).toMatchObject({ name: "Ben B", username });
    expect(byId.get(ben.me.id)?.guest).toBeUndefined();
    expect(byId.get(cid.me.id)).toMatchObject({ name: "Cid", guest: true });
    expect(byId.get(cid.me.id)?.username).toBeUndefined();
    expect(byId.get(dee.me.id)?.name).toBeNull();
    for (let i = 1; i < bans.length; i++) {
      expect((bans[i - 1]?.bannedAt ?? 0) >= (bans[i]?.bannedAt ?? 0)).toBe(true);
    }

    const lift = await api(`/api/rooms/${roomId}/bans/${cid.me.id}`, as("DELETE", owner.cookie));
    expect(lift.status).toBe(200);
    expect((await bansOf(roomId, owner.cookie)).bans.map((x) => x.id)).not.toContain(cid.me.id);
  });

  it("refuses a member who is not the owner, a non-member, no session and an unknown room", async () => {
    const owner = await guest("Olga");
    const member = await guest("Mo");
    const stranger = await guest("Stan");
    const roomId = await createRoom(owner.cookie);
    await connect(roomId, member.cookie);
    expect((await ban(roomId, owner.cookie, stranger.me.id)).status).toBe(200);

    for (const [who, cookie] of [
      ["member", member.cookie],
      ["non-member", stranger.cookie],
    ] as const) {
      const res = await api(`/api/rooms/${roomId}/bans`, as("GET", cookie));
      expect(res.status, who).toBe(403);
      const body = (await res.json()) as { error: { code: string }; bans?: unknown };
      expect(body.error.code, who).toBe("forbidden");
      expect(body.bans, who).toBeUndefined();
    }
    expect((await api(`/api/rooms/${roomId}/bans`, as("GET", null))).status).toBe(401);
    expect((await api("/api/rooms/nosuchroom9/bans", as("GET", owner.cookie))).status).toBe(404);
    expect((await api("/api/rooms/bad id!/bans", as("GET", owner.cookie))).status).toBe(400);
  });

  it(`lists at most ${LIMITS.bansListed} (the newest) and says there are more`, async () => {
    const owner = await guest("Olga");
    const roomId = await createRoom(owner.cookie);
    await runInDurableObject(roomStub(env, roomId), (_obj, state) => {
      for (let i = 0; i <= LIMITS.bansListed; i++) {
        state.storage.sql.exec(
          "INSERT INTO bans (user_id, banned_by, banned_at) VALUES (?, ?, ?)",
          `old-user-${String(i).padStart(4, "0")}`,
          owner.me.id,
          1_000 + i,
        );
      }
    });
    const { bans, hasMore } = await bansOf(roomId, owner.cookie);
    expect(bans.length).toBe(LIMITS.bansListed);
    expect(hasMore).toBe(true);
    expect(bans[0]?.id).toBe(`old-user-${String(LIMITS.bansListed).padStart(4, "0")}`);
    expect(bans.map((x) => x.id)).not.toContain("old-user-0000");
  });

  it("a ban made before names were recorded shows the name of the user's latest post", async () => {
    const owner = await guest("Olga");
    const eve = await guest("Eve");
    const roomId = await createRoom(owner.cookie);
    const e = await connect(roomId, eve.cookie);
    e.send({ type: "send", clientId: "eve-post-1", text: "hello" });
    await e.next("ack");
    e.ws.close(1000, "bye");
    await runInDurableObject(roomStub(env, roomId), (_obj, state) => {
      state.storage.sql.exec(
        "INSERT INTO bans (user_id, banned_by, banned_at) VALUES (?, ?, ?)",
        eve.me.id,
        owner.me.id,
        Date.now(),
      );
    });
    const { bans } = await bansOf(roomId, owner.cookie);
    expect(bans).toEqual([expect.objectContaining({ id: eve.me.id, name: "Eve" })]);
  });
});

describe("usernames on authors and members", () => {
  it("accounts carry their username in presence and on posts; guests and older posts do not", async () => {
    const owner = await guest("Olga");
    const username = uniqueName("ana");
    const ana = await register(username, undefined, { name: "Ana" });
    const roomId = await createRoom(owner.cookie);
    const o = await connect(roomId, owner.cookie);
    const a = await connect(roomId, ana.cookie);

    const joined = await o.next("presence", (f) => f.member.id === ana.me.id);
    expect(joined.member.username).toBe(username);
    const welcome = await a.next("welcome");
    const ownerMember = welcome.members.find((m) => m.id === owner.me.id);
    expect(ownerMember?.guest).toBe(true);
    expect(ownerMember?.username).toBeUndefined();

    a.send({ type: "send", clientId: "ana-post-1", text: "from an account" });
    const live = await o.next("message", (f) => f.message.author.id === ana.me.id);
    expect(live.message.author.username).toBe(username);
    o.send({ type: "send", clientId: "olga-post-1", text: "from a guest" });
    await o.next("ack");

    const page = async () =>
      (await (
        await api(`/api/rooms/${roomId}/messages`, as("GET", owner.cookie))
      ).json()) as MessagesBody;
    const stored = (await page()).messages;
    expect(stored.find((m) => m.author.id === ana.me.id)?.author.username).toBe(username);
    expect(stored.find((m) => m.author.id === owner.me.id)?.author.username).toBeUndefined();

    // A post stored before authors carried usernames reads back without one.
    await runInDurableObject(roomStub(env, roomId), (_obj, state) => {
      state.storage.sql.exec("UPDATE messages SET author_username = NULL");
    });
    await evictDurableObject(roomStub(env, roomId)); // drops the cached latest page
    const old = (await page()).messages.find((m) => m.author.id === ana.me.id);
    expect(old?.author).toEqual({ id: ana.me.id, name: "Ana", color: ana.me.color });
  });
});
