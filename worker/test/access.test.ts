import { describe, expect, it } from "vitest";
import type { MessagesBody } from "../../protocol";
import { getMe, post, register, uniqueName } from "./auth-helpers";
import { api, connect, createRoom, guest } from "./helpers";

function upgrade(roomId: string, headers: Record<string, string>) {
  return api(`/api/rooms/${roomId}/ws`, { headers: { Upgrade: "websocket", ...headers } });
}

describe("socket access", () => {
  it("refuses an upgrade without a session or with a revoked one", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const none = await upgrade(roomId, {});
    expect(none.status).toBe(401);
    expect(none.webSocket).toBeNull();
    expect(await none.json()).toMatchObject({ error: { code: "unauthorized" } });

    const bob = await register(uniqueName("bob"));
    const ok = await connect(roomId, bob.cookie);
    ok.ws.close();
    await post("/api/auth/logout", {}, { cookie: bob.cookie });
    const revoked = await upgrade(roomId, { cookie: bob.cookie });
    expect(revoked.status).toBe(401);
    expect(revoked.webSocket).toBeNull();
  });

  it("refuses an upgrade from a foreign Origin", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const res = await upgrade(roomId, { cookie: ana.cookie, Origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(res.webSocket).toBeNull();
    expect(await res.json()).toMatchObject({ error: { code: "bad_origin" } });
  });

  it("new connections carry the changed profile", async () => {
    const { cookie, me } = await register(uniqueName("renamer"), "renamer-pass", {
      name: "Before",
    });
    const roomId = await createRoom(cookie);
    const first = await connect(roomId, cookie);
    expect((await first.next("welcome")).me.name).toBe("Before");
    first.ws.close();

    const res = await api("/api/me", {
      method: "PATCH",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ name: "After", color: "#3e63dd" }),
    });
    expect(res.status).toBe(200);
    const second = await connect(roomId, cookie);
    expect((await second.next("welcome")).me.name).toBe("After");
    second.send({ type: "send", clientId: "after-rename-1", text: "hi" });
    const msg = await second.next("message");
    expect(msg.message.author).toMatchObject({ id: me.id, name: "After", color: "#3e63dd" });
  });

  it("a guest who registers keeps authorship of earlier messages", async () => {
    const g = await guest("Gina");
    const roomId = await createRoom(g.cookie);
    const before = await connect(roomId, g.cookie);
    before.send({ type: "send", clientId: "as-guest-0001", text: "as a guest" });
    await before.next("ack");
    before.ws.close();

    const account = await register(uniqueName("gina"), "gina-password", { cookie: g.cookie });
    expect((await getMe(g.cookie)).status).toBe(401);
    const after = await connect(roomId, account.cookie);
    after.send({ type: "send", clientId: "as-user-00001", text: "as an account" });
    await after.next("ack");

    const page = (await (await api(`/api/rooms/${roomId}/messages`)).json()) as MessagesBody;
    expect(page.messages.map((m) => [m.text, m.author.id])).toEqual([
      ["as a guest", g.me.id],
      ["as an account", g.me.id],
    ]);
    expect(page.messages[1]?.author.guest).toBeUndefined();
  });
});
