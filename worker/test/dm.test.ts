import { describe, expect, it } from "vitest";
import type { CreateRoomBody, DirectoryBody, MyRoomsBody } from "../../protocol";
import { api, connect, guest, json, ORIGIN } from "./helpers";

async function startDm(cookie: string, userId: string, name: string) {
  const res = await api("/api/dm", json({ userId, name }, cookie));
  return { status: res.status, body: (await res.json()) as CreateRoomBody };
}

describe("direct messages", () => {
  it("resolves the same two users to the same room, whoever starts and however often", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const first = await startDm(ana.cookie, ben.me.id, "Ben");
    expect(first.status).toBe(201);
    expect(first.body.room).toMatchObject({ visibility: "private", ownerId: null });
    expect(first.body.link).toBe(`/r/${first.body.room.id}`);

    const again = await startDm(ana.cookie, ben.me.id, "Ben");
    const fromBen = await startDm(ben.cookie, ana.me.id, "Ana");
    expect(again.body.room.id).toBe(first.body.room.id);
    expect(fromBen.body.room.id).toBe(first.body.room.id);

    const other = await startDm(ana.cookie, (await guest("Cy")).me.id, "Cy");
    expect(other.body.room.id).not.toBe(first.body.room.id);
  });

  it("admits its two members and no third user", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const eve = await guest("Eve");
    const roomId = (await startDm(ana.cookie, ben.me.id, "Ben")).body.room.id;

    const a = await connect(roomId, ana.cookie);
    const b = await connect(roomId, ben.cookie);
    a.send({ type: "send", clientId: "dm-hello-1", text: "hi Ben" });
    expect((await b.next("message")).message.text).toBe("hi Ben");

    const res = await api(`/api/rooms/${roomId}/ws`, {
      headers: { Upgrade: "websocket", cookie: eve.cookie, Origin: ORIGIN },
    });
    expect(res.status).toBe(403);
    expect(res.webSocket).toBeNull();
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });

    // Nor over HTTP: history and room info stay between the two.
    for (const path of [`/api/rooms/${roomId}/messages`, `/api/rooms/${roomId}`]) {
      expect((await api(path, { headers: { cookie: eve.cookie } })).status, path).toBe(403);
      expect((await api(path, { headers: { cookie: ben.cookie } })).status, path).toBe(200);
    }
    // Nobody owns a DM, so nobody can issue an invite that would let a third person in.
    const invite = await api(`/api/rooms/${roomId}/invite`, { headers: { cookie: ana.cookie } });
    expect(invite.status).toBe(403);
  });

  it("shows up in both people's lists under the other's name, unread counted, never in the directory", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = (await startDm(ana.cookie, ben.me.id, "Ben")).body.room.id;
    const a = await connect(roomId, ana.cookie);
    a.send({ type: "send", clientId: "dm-unread-1", text: "are you there?" });
    await a.next("ack");

    const list = async (cookie: string) =>
      ((await (await api("/api/me/rooms", { headers: { cookie } })).json()) as MyRoomsBody).rooms;
    expect((await list(ben.cookie)).find((r) => r.id === roomId)).toMatchObject({
      name: "Ana",
      dmWith: { id: ana.me.id, name: "Ana" },
      unread: 1,
      visibility: "private",
    });
    expect((await list(ana.cookie)).find((r) => r.id === roomId)).toMatchObject({
      name: "Ben",
      dmWith: { id: ben.me.id, name: "Ben" },
      unread: 0,
    });

    const directory = (await (await api("/api/rooms?limit=100")).json()) as DirectoryBody;
    expect(directory.rooms.map((r) => r.id)).not.toContain(roomId);
  });

  it("refuses a conversation with yourself and malformed ids", async () => {
    const ana = await guest("Ana");
    expect((await startDm(ana.cookie, ana.me.id, "Ana")).status).toBe(400);
    expect((await startDm(ana.cookie, "no spaces allowed", "X")).status).toBe(400);
    expect((await api("/api/dm", json({ userId: "abcdefgh", name: "X" }))).status).toBe(401);
  });
});

describe("a direct message after a rename", () => {
  it("shows the other person's current name in the list, at once", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = (await startDm(ana.cookie, ben.me.id, "Ben")).body.room.id;
    const renamed = await api("/api/me", {
      method: "PATCH",
      headers: { cookie: ben.cookie, "content-type": "application/json" },
      body: JSON.stringify({ name: "Benjamin" }),
    });
    expect(renamed.status).toBe(200);
    const list = (await (
      await api("/api/me/rooms", { headers: { cookie: ana.cookie } })
    ).json()) as MyRoomsBody;
    const dm = list.rooms.find((r) => r.id === roomId);
    expect(dm?.name).toBe("Benjamin");
    expect(dm?.dmWith).toEqual({ id: ben.me.id, name: "Benjamin" });
    // Ben's own list still names Ana.
    const his = (await (
      await api("/api/me/rooms", { headers: { cookie: ben.cookie } })
    ).json()) as MyRoomsBody;
    expect(his.rooms.find((r) => r.id === roomId)?.name).toBe("Ana");
  });
});
