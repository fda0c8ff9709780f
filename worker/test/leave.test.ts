import { describe, expect, it } from "vitest";
import { CLOSE_LEFT, type CreateRoomBody, type MyRoomsBody } from "../../protocol";
import { api, connect, guest, json } from "./helpers";

async function until(check: () => boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("leaving a room", () => {
  it("ends membership, closes the leaver's sockets there, and drops it from their list", async () => {
    const owner = await guest("Olga");
    const ben = await guest("Ben");
    const created = await api(
      "/api/rooms",
      json({ name: "Club", visibility: "private" }, owner.cookie),
    );
    const { room, link } = (await created.json()) as CreateRoomBody;
    const invite = new URL(link, "http://x").searchParams.get("invite") ?? "";

    const watcher = await connect(room.id, owner.cookie);
    const tab1 = await connect(room.id, ben.cookie, { invite });
    const tab2 = await connect(room.id, ben.cookie); // a member needs no invite
    await watcher.next("presence", (p) => p.op === "join" && p.member.id === ben.me.id);

    const left = await api(`/api/me/rooms/${room.id}`, {
      method: "DELETE",
      headers: { cookie: ben.cookie },
    });
    expect(left.status).toBe(204);
    await until(() => tab1.closed !== null && tab2.closed !== null, "both tabs closed");
    expect(tab1.closed?.code).toBe(CLOSE_LEFT);
    expect(tab2.closed?.code).toBe(CLOSE_LEFT);
    await watcher.next("presence", (p) => p.op === "leave" && p.member.id === ben.me.id);

    const list = (await (
      await api("/api/me/rooms", { headers: { cookie: ben.cookie } })
    ).json()) as MyRoomsBody;
    expect(list.rooms.map((r) => r.id)).not.toContain(room.id);

    // No longer a member: the private room wants its invite again.
    const bare = await api(`/api/rooms/${room.id}/ws`, {
      headers: { Upgrade: "websocket", cookie: ben.cookie, Origin: "http://parley.test" },
    });
    expect(bare.status).toBe(403);
    const back = await connect(room.id, ben.cookie, { invite });
    expect((await back.next("welcome")).room.id).toBe(room.id);

    // The owner leaving stays the owner.
    await api(`/api/me/rooms/${room.id}`, { method: "DELETE", headers: { cookie: owner.cookie } });
    const again = await connect(room.id, owner.cookie);
    expect((await again.next("welcome")).room.ownerId).toBe(owner.me.id);
  });
});
