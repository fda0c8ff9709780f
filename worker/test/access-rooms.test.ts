import { describe, expect, it } from "vitest";
import {
  CLOSE_BANNED,
  CLOSE_KICKED,
  type CreateRoomBody,
  type RoomOwnerBody,
} from "../../protocol";
import { register, uniqueName } from "./auth-helpers";
import { api, connect, createRoom, guest, json, type TestSocket } from "./helpers";

async function createPrivate(
  cookie: string,
): Promise<{ roomId: string; invite: string; link: string }> {
  const res = await api("/api/rooms", json({ name: "Secret", visibility: "private" }, cookie));
  expect(res.status).toBe(201);
  const body = (await res.json()) as CreateRoomBody;
  const invite = new URL(body.link, "http://x").searchParams.get("invite") ?? "";
  return { roomId: body.room.id, invite, link: body.link };
}

function upgrade(roomId: string, cookie: string, invite?: string) {
  const qs = invite === undefined ? "" : `?invite=${invite}`;
  return api(`/api/rooms/${roomId}/ws${qs}`, {
    headers: { Upgrade: "websocket", cookie, Origin: "http://parley.test" },
  });
}

function withCookie(method: string, cookie: string, body?: unknown): RequestInit {
  const headers: Record<string, string> = { cookie };
  if (body !== undefined) headers["content-type"] = "application/json";
  return { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
}

async function closedWith(socket: TestSocket, timeoutMs = 5000): Promise<number> {
  const until = Date.now() + timeoutMs;
  while (!socket.closed) {
    if (Date.now() > until) throw new Error("socket was not closed");
    await new Promise((r) => setTimeout(r, 10));
  }
  return socket.closed.code;
}

describe("private rooms", () => {
  it("refuse strangers without the invite token and admit them with it", async () => {
    const owner = await guest("Olga");
    const stranger = await guest("Sam");
    const { roomId, invite, link } = await createPrivate(owner.cookie);
    expect(link).toBe(`/r/${roomId}?invite=${invite}`);
    expect(invite).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    const noToken = await upgrade(roomId, stranger.cookie);
    expect(noToken.status).toBe(403);
    expect(noToken.webSocket).toBeNull();
    expect(await noToken.json()).toMatchObject({ error: { code: "forbidden" } });
    const wrong = await upgrade(roomId, stranger.cookie, "x".repeat(invite.length));
    expect(wrong.status).toBe(403);
    for (const path of [`/api/rooms/${roomId}`, `/api/rooms/${roomId}/messages`]) {
      expect((await api(path, { headers: { cookie: stranger.cookie } })).status).toBe(403);
      expect((await api(path)).status).toBe(401);
      expect(
        (await api(`${path}?invite=${invite}`, { headers: { cookie: stranger.cookie } })).status,
      ).toBe(200);
    }
    expect(
      (await api(`/api/rooms/${roomId}?invite=bad!`, { headers: { cookie: stranger.cookie } }))
        .status,
    ).toBe(400);

    const ok = await upgrade(roomId, stranger.cookie, invite);
    expect(ok.status).toBe(101);
    ok.webSocket?.accept();
    ok.webSocket?.close();
    // Once joined, a member needs no token.
    const again = await connect(roomId, stranger.cookie);
    expect((await again.next("welcome")).room.visibility).toBe("private");
    expect(
      (await api(`/api/rooms/${roomId}/messages`, { headers: { cookie: stranger.cookie } })).status,
    ).toBe(200);
    // The owner never needs one.
    await connect(roomId, owner.cookie);
  });

  it("rotating the invite stops the old link admitting newcomers; members stay", async () => {
    const owner = await guest("Olga");
    const member = await guest("Mia");
    const late = await guest("Lee");
    const { roomId, invite } = await createPrivate(owner.cookie);
    (await connect(roomId, member.cookie, { invite })).ws.close();

    const res = await api(
      `/api/rooms/${roomId}`,
      withCookie("PATCH", owner.cookie, { rotateInvite: true }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as RoomOwnerBody;
    const fresh = new URL(body.link, "http://x").searchParams.get("invite") ?? "";
    expect(fresh).not.toBe(invite);
    const shown = (await (
      await api(`/api/rooms/${roomId}/invite`, withCookie("GET", owner.cookie))
    ).json()) as RoomOwnerBody;
    expect(shown.link).toBe(body.link);

    expect((await upgrade(roomId, late.cookie, invite)).status).toBe(403);
    expect((await upgrade(roomId, late.cookie, fresh)).status).toBe(101);
    await connect(roomId, member.cookie);
  });

  it("public rooms admit any signed-in identity without a token", async () => {
    const owner = await guest("Olga");
    const other = await register(uniqueName("pub"));
    const res = await api("/api/rooms", json({ name: "Open" }, owner.cookie));
    const body = (await res.json()) as CreateRoomBody;
    expect(body.link).toBe(`/r/${body.room.id}`);
    await connect(body.room.id, other.cookie);
  });
});

describe("owner powers", () => {
  it("the owner renames and sets the topic; others get 403", async () => {
    const owner = await guest("Olga");
    const other = await guest("Otto");
    const roomId = await createRoom(owner.cookie);
    const watcher = await connect(roomId, other.cookie);
    const res = await api(
      `/api/rooms/${roomId}`,
      withCookie("PATCH", owner.cookie, { name: "Renamed", topic: "New topic" }),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as RoomOwnerBody).room).toMatchObject({
      name: "Renamed",
      topic: "New topic",
    });
    await watcher.next("rename", (f) => f.name === "Renamed");
    await watcher.next("topic", (f) => f.topic === "New topic");

    const denied = await api(
      `/api/rooms/${roomId}`,
      withCookie("PATCH", other.cookie, { name: "Mine now" }),
    );
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: { code: "forbidden" } });
    expect((await api(`/api/rooms/${roomId}/invite`, withCookie("GET", other.cookie))).status).toBe(
      403,
    );
    expect((await api(`/api/rooms/${roomId}`, withCookie("PATCH", owner.cookie, {}))).status).toBe(
      400,
    );
    expect(
      (await api("/api/rooms/nosuchroom1", withCookie("PATCH", owner.cookie, { name: "x" })))
        .status,
    ).toBe(404);
    expect(
      (
        await api(`/api/rooms/${roomId}`, {
          method: "PATCH",
          headers: { "content-type": "application/json" },
          body: "{}",
        })
      ).status,
    ).toBe(401);
    const info = (await (await api(`/api/rooms/${roomId}`)).json()) as { room: { name: string } };
    expect(info.room.name).toBe("Renamed");
  });

  it("kick closes every socket of that user at once; they may come back to a public room", async () => {
    const owner = await guest("Olga");
    const ben = await guest("Ben");
    const roomId = await createRoom(owner.cookie);
    const o = await connect(roomId, owner.cookie);
    const b1 = await connect(roomId, ben.cookie);
    const b2 = await connect(roomId, ben.cookie);

    const res = await api(
      `/api/rooms/${roomId}/kick`,
      withCookie("POST", owner.cookie, { userId: ben.me.id }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, closed: 2 });
    expect(await closedWith(b1)).toBe(CLOSE_KICKED);
    expect(CLOSE_KICKED).toBeGreaterThanOrEqual(4400);
    expect(await closedWith(b2)).toBe(CLOSE_KICKED);
    expect(b1.of("error").at(-1)).toMatchObject({ code: "forbidden" });
    await o.next("presence", (p) => p.op === "leave" && p.member.id === ben.me.id);
    expect(o.closed).toBeNull();
    await connect(roomId, ben.cookie);
  });

  it("ban closes the sockets and refuses every later join until lifted", async () => {
    const owner = await guest("Olga");
    const ben = await guest("Ben");
    const roomId = await createRoom(owner.cookie);
    const b = await connect(roomId, ben.cookie);

    const res = await api(
      `/api/rooms/${roomId}/bans`,
      withCookie("POST", owner.cookie, { userId: ben.me.id }),
    );
    expect(res.status).toBe(200);
    expect(await closedWith(b)).toBe(CLOSE_BANNED);
    const refused = await upgrade(roomId, ben.cookie);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      error: { code: "forbidden", message: expect.stringMatching(/banned/) },
    });
    expect(
      (await api(`/api/rooms/${roomId}/messages`, { headers: { cookie: ben.cookie } })).status,
    ).toBe(403);

    const lift = await api(
      `/api/rooms/${roomId}/bans/${ben.me.id}`,
      withCookie("DELETE", owner.cookie),
    );
    expect(lift.status).toBe(200);
    await connect(roomId, ben.cookie);
  });

  it("non-owners cannot moderate, and the owner cannot remove themself", async () => {
    const owner = await guest("Olga");
    const ben = await guest("Ben");
    const roomId = await createRoom(owner.cookie);
    const o = await connect(roomId, owner.cookie);
    await connect(roomId, ben.cookie);
    for (const [method, path, body] of [
      ["POST", `/api/rooms/${roomId}/kick`, { userId: owner.me.id }],
      ["POST", `/api/rooms/${roomId}/bans`, { userId: owner.me.id }],
      ["DELETE", `/api/rooms/${roomId}/bans/${ben.me.id}`, undefined],
    ] as const) {
      const res = await api(path, withCookie(method, ben.cookie, body));
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
    }
    expect(o.closed).toBeNull();
    const self = await api(
      `/api/rooms/${roomId}/kick`,
      withCookie("POST", owner.cookie, { userId: owner.me.id }),
    );
    expect(self.status).toBe(400);
    const anon = await api(`/api/rooms/${roomId}/kick`, json({ userId: ben.me.id }));
    expect(anon.status).toBe(401);
    const missing = await api(
      "/api/rooms/nosuchroom2/kick",
      withCookie("POST", owner.cookie, { userId: ben.me.id }),
    );
    expect(missing.status).toBe(404);
    const badBody = await api(
      `/api/rooms/${roomId}/kick`,
      withCookie("POST", owner.cookie, { userId: "no!" }),
    );
    expect(badBody.status).toBe(400);
  });

  it("the owner deletes any message; others delete only their own", async () => {
    const owner = await guest("Olga");
    const ben = await guest("Ben");
    const roomId = await createRoom(owner.cookie);
    const o = await connect(roomId, owner.cookie);
    const b = await connect(roomId, ben.cookie);
    o.send({ type: "send", clientId: "owner-msg-01", text: "owner's" });
    const ownerSeq = (await o.next("ack")).seq;
    b.send({ type: "send", clientId: "ben-msg-0001", text: "ben's" });
    const benSeq = (await b.next("ack")).seq;

    b.send({ type: "delete", seq: ownerSeq });
    expect((await b.next("error", (e) => e.code === "forbidden")).message).toMatch(/own/);
    o.send({ type: "delete", seq: benSeq });
    const deleted = await b.next("delete", (d) => d.target === benSeq);
    expect(deleted.by).toBe(owner.me.id);
  });
});

describe("authorship", () => {
  it("a frame cannot claim another author or act on another user's message", async () => {
    const ana = await guest("Ana");
    const eve = await guest("Eve");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const e = await connect(roomId, eve.cookie);
    a.send({ type: "send", clientId: "ana-message-1", text: "mine" });
    const seq = (await a.next("ack")).seq;

    e.send({
      type: "send",
      clientId: "eve-forgery-1",
      text: "forged",
      author: { id: ana.me.id, name: "Ana" },
      authorId: ana.me.id,
      userId: ana.me.id,
    });
    const forged = await a.next("message", (m) => m.message.text === "forged");
    expect(forged.message.author.id).toBe(eve.me.id);
    expect(forged.message.author.name).toBe("Eve");
    e.send({ type: "edit", seq, text: "edited by eve" });
    expect((await e.next("error", (f) => f.code === "forbidden")).code).toBe("forbidden");
  });
});
