import { describe, expect, it } from "vitest";
import type { MessagesBody } from "../../protocol";
import { api, connect, createRoom, guest } from "./helpers";
import { joined, settle } from "./live-identity-helpers";

function patchMe(cookie: string, body: unknown) {
  return api("/api/me", {
    method: "PATCH",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("profile changes reach open rooms at once", () => {
  it("updates presence in every room the user is in; new messages use the new name, old ones keep theirs", async () => {
    const ana = await guest("Ana");
    const olga = await guest("Olga");
    const roomA = await createRoom(olga.cookie, "Room A");
    const roomB = await createRoom(olga.cookie, "Room B");
    const watchA = await connect(roomA, olga.cookie);
    const watchB = await connect(roomB, olga.cookie);
    const anaA = await connect(roomA, ana.cookie);
    const anaA2 = await connect(roomA, ana.cookie);
    await connect(roomB, ana.cookie);
    await joined(ana.me.id, roomA);
    await joined(ana.me.id, roomB);

    anaA.send({ type: "send", clientId: "before-rename-1", text: "old name" });
    await watchA.next("message", (m) => m.message.clientId === "before-rename-1");

    const res = await patchMe(ana.cookie, { name: "Ana Maria", color: "#10b981" });
    expect(res.status).toBe(200);
    for (const watch of [watchA, watchB]) {
      const update = await watch.next("presence", (p) => p.op === "update");
      expect(update.member).toMatchObject({ id: ana.me.id, name: "Ana Maria", color: "#10b981" });
    }
    // One update per room, however many sockets the user has there.
    await settle();
    expect(watchA.of("presence").filter((p) => p.op === "update")).toHaveLength(1);

    // Both of the user's sockets now speak with the new name, in messages and typing.
    anaA2.send({ type: "send", clientId: "after-rename-1", text: "new name" });
    const after = await watchA.next("message", (m) => m.message.clientId === "after-rename-1");
    expect(after.message.author).toMatchObject({ name: "Ana Maria", color: "#10b981" });
    anaA.send({ type: "typing" });
    expect((await watchA.next("typing")).name).toBe("Ana Maria");

    // Stored history keeps the name each message was sent with.
    const page = (await (
      await api(`/api/rooms/${roomA}/messages`, { headers: { cookie: olga.cookie } })
    ).json()) as MessagesBody;
    const byClient = new Map(page.messages.map((m) => [m.clientId, m.author.name]));
    expect(byClient.get("before-rename-1")).toBe("Ana");
    expect(byClient.get("after-rename-1")).toBe("Ana Maria");

    // A newcomer sees the new name in the member list.
    const late = await connect(roomA, (await guest("Cy")).cookie);
    const welcome = await late.next("welcome");
    expect(welcome.members.find((m) => m.id === ana.me.id)?.name).toBe("Ana Maria");
  });

  it("announces nothing when the profile did not change", async () => {
    const ana = await guest("Ana");
    const olga = await guest("Olga");
    const roomId = await createRoom(olga.cookie, "Quiet");
    const watch = await connect(roomId, olga.cookie);
    await connect(roomId, ana.cookie);
    await joined(ana.me.id, roomId);

    expect((await patchMe(ana.cookie, { name: "Ana" })).status).toBe(200);
    await settle();
    expect(watch.of("presence").filter((p) => p.op === "update")).toEqual([]);
  });
});
