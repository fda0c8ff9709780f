import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LIMITS, type MessagesBody } from "../../protocol";
import type { Room } from "../room/room";
import { roomStub } from "../stubs";
import { api, connect, createRoom, guest } from "./helpers";

const send = (clientId: string, text = "zombie") =>
  JSON.stringify({ type: "send", clientId, text });
/** Every other client frame type (and one unknown), as a zombie would keep sending them. */
const EVERY_OTHER_FRAME = [
  { type: "edit", seq: 1, text: "pwned" },
  { type: "delete", seq: 1 },
  { type: "react", seq: 1, emoji: "👍", on: true },
  { type: "typing" },
  { type: "status", status: "away" },
  { type: "history" },
  { type: "search", q: "x" },
  { type: "sync", since: 0 },
  { type: "topic", topic: "pwned" },
  { type: "read", seq: 1 },
  { type: "ping", id: "p" },
  { type: "nonsense" },
].map((f) => JSON.stringify(f));

async function history(roomId: string, cookie: string): Promise<MessagesBody> {
  const res = await api(`/api/rooms/${roomId}/messages`, { headers: { cookie } });
  return (await res.json()) as MessagesBody;
}

/**
 * A client that ignores the server's close frame keeps writing on the same connection; the
 * runtime still delivers those frames to the room. These tests hand the room such frames
 * directly, right after each kind of server-initiated close.
 */
describe("a socket the room closed", () => {
  const closers: [string, (room: Room, userId: string, ownerId: string) => Promise<unknown>][] = [
    ["kicked (4410)", (room, userId, ownerId) => room.moderate(ownerId, "kick", userId)],
    ["banned (4403)", (room, userId, ownerId) => room.moderate(ownerId, "ban", userId)],
    ["signed out (4401)", (room, userId) => room.signOut(userId, null)],
    ["left (4405)", (room, userId) => room.leave(userId)],
  ];

  for (const [what, close] of closers) {
    it(`stores and relays nothing once ${what}`, async () => {
      const owner = await guest("Olga");
      const eve = await guest("Eve");
      const roomId = await createRoom(owner.cookie);
      const watcher = await connect(roomId, owner.cookie);
      await connect(roomId, eve.cookie);

      await runInDurableObject(roomStub(env, roomId), async (room: Room, state) => {
        const [socket] = state.getWebSockets(eve.me.id);
        if (!socket) throw new Error("no socket for Eve");
        await close(room, eve.me.id, owner.me.id);
        const answers: unknown[] = [];
        socket.send = (data: string | ArrayBuffer | ArrayBufferView) => answers.push(data);
        // Every frame type, as the runtime would deliver them after the close.
        for (let i = 0; i < 50; i++) await room.webSocketMessage(socket, send(`zombie-${i}-xx`));
        for (const frame of EVERY_OTHER_FRAME) await room.webSocketMessage(socket, frame);
        expect(answers).toEqual([]);
      });

      // A message after the attempt proves the watcher would have seen the zombie ones by now.
      watcher.send({ type: "send", clientId: "after-close-1", text: "still here" });
      await watcher.next("message", (m) => m.message.text === "still here");
      const texts = watcher.of("message").map((m) => m.message.text);
      expect(texts).toEqual(["still here"]);
      expect(watcher.of("typing")).toHaveLength(0);
      expect(watcher.of("topic")).toHaveLength(0);
      const stored = await history(roomId, owner.cookie);
      expect(stored.messages.map((m) => m.text)).toEqual(["still here"]);
    });
  }

  it("stores nothing sent in the same burst after the frame that earned the 1008 close", async () => {
    const owner = await guest("Olga");
    const eve = await guest("Eve");
    const roomId = await createRoom(owner.cookie);
    const watcher = await connect(roomId, owner.cookie);
    const spammer = await connect(roomId, eve.cookie);
    // One burst: exactly enough bad frames for the close, then valid sends behind them.
    for (let i = 0; i < LIMITS.maxViolations; i++) spammer.send("{not json");
    for (let i = 0; i < 5; i++) spammer.send(send(`late-${i}-xxxx`, `late ${i}`));
    await watcher.next("presence", (p) => p.op === "leave" && p.member.id === eve.me.id);
    const deadline = Date.now() + 5000;
    while (spammer.closed === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(spammer.closed?.code).toBe(1008);

    watcher.send({ type: "send", clientId: "after-spam-1", text: "still here" });
    await watcher.next("message", (m) => m.message.text === "still here");
    expect(watcher.of("message").map((m) => m.message.text)).toEqual(["still here"]);
    expect(spammer.of("ack")).toHaveLength(0);
  });

  it("gives a dropped socket no fresh budget: its frames cost nothing and change nothing", async () => {
    const owner = await guest("Olga");
    const eve = await guest("Eve");
    const roomId = await createRoom(owner.cookie);
    await connect(roomId, eve.cookie);
    const answers = await runInDurableObject(roomStub(env, roomId), async (room: Room, state) => {
      const [socket] = state.getWebSockets(eve.me.id);
      if (!socket) throw new Error("no socket for Eve");
      await room.moderate(owner.me.id, "kick", eve.me.id);
      const sent: string[] = [];
      const original = socket.send.bind(socket);
      socket.send = (data: string | ArrayBuffer | ArrayBufferView) => {
        sent.push(String(data));
        original(data);
      };
      for (let i = 0; i < 100; i++) await room.webSocketMessage(socket, "{bad");
      return sent;
    });
    // No error frames, no second close: the room ignores it.
    expect(answers).toEqual([]);
  });
});
