import { describe, expect, it } from "vitest";
import { LIMITS, type MessagesBody } from "../../protocol";
import { api, connect, createRoom, guest, type TestSocket } from "./helpers";

async function answered(socket: TestSocket, n: number) {
  const deadline = Date.now() + 5000;
  while (socket.of("ack").length + socket.of("error").length < n) {
    if (Date.now() > deadline) throw new Error("timed out waiting for answers");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("refusals cost nothing and say why", () => {
  it("a frame one budget refuses takes no token from the other", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const tab1 = await connect(roomId, ana.cookie);
    const tab2 = await connect(roomId, ana.cookie);
    // Twice the connection's burst on one tab: the second half is refused by the connection's
    // bucket and must leave the user's bucket as the first half left it.
    const burst = 2 * LIMITS.sendBurst;
    for (let i = 0; i < burst; i++)
      tab1.send({ type: "send", clientId: `tab1-${i}-xxxx`, text: "a" });
    await answered(tab1, burst);
    expect(tab1.of("ack").length).toBeLessThan(LIMITS.sendBurst + 3);
    // The user has userSendBurst - (what tab1 got) left; tab2 gets that much at once.
    const left = LIMITS.userSendBurst - tab1.of("ack").length;
    expect(left).toBeGreaterThan(5);
    for (let i = 0; i < left; i++)
      tab2.send({ type: "send", clientId: `tab2-${i}-xxxx`, text: "b" });
    await answered(tab2, left);
    expect(tab2.of("ack")).toHaveLength(left);
  });

  it("refuses a reply to a deleted message with not_found, as edits and reactions", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    a.send({ type: "send", clientId: "original-1", text: "soon gone" });
    const { seq } = await a.next("ack", (x) => x.clientId === "original-1");
    a.send({ type: "delete", seq });
    await a.next("delete", (d) => d.target === seq);
    a.send({ type: "send", clientId: "reply-to-gone", text: "re", replyTo: seq });
    const err = await a.next("error", (e) => e.ref === "reply-to-gone");
    expect(err.code).toBe("not_found");
    const page = (await (
      await api(`/api/rooms/${roomId}/messages`, { headers: { cookie: ana.cookie } })
    ).json()) as MessagesBody;
    expect(page.messages.map((m) => m.seq)).toEqual([seq]);
  });

  it("answers an upgrade to an unknown room with a JSON 404", async () => {
    const ana = await guest("Ana");
    const res = await api("/api/rooms/nosuchroom12/ws", {
      headers: { Upgrade: "websocket", cookie: ana.cookie, Origin: "http://parley.test" },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "No such room" } });
  });
});
