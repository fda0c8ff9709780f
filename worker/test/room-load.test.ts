import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import type { MessagesBody } from "../../protocol";
import { roomStub } from "../stubs";
import { api, connect, createRoom, guest, type TestSocket } from "./helpers";

// Runs with ROOM_RATE_LIMIT_SCALE=1000 (see vitest.config.ts): this is about ordering, not limits.
const SOCKETS = 20;
const SENDERS = 5;
const MESSAGES = 500;

async function allMessages(roomId: string): Promise<MessagesBody["messages"]> {
  const out: MessagesBody["messages"] = [];
  let before: number | undefined;
  for (;;) {
    const qs = before === undefined ? "limit=100" : `limit=100&before=${before}`;
    const page = (await (await api(`/api/rooms/${roomId}/messages?${qs}`)).json()) as MessagesBody;
    out.unshift(...page.messages);
    if (!page.hasMore) return out;
    before = page.messages[0]?.seq;
  }
}

it(`delivers ${MESSAGES} messages from ${SENDERS} senders to ${SOCKETS} sockets in one order, no gaps or duplicates`, async () => {
  const owner = await guest("Owner");
  const roomId = await createRoom(owner.cookie);
  const users = await Promise.all(Array.from({ length: SOCKETS }, (_, i) => guest(`User ${i}`)));
  const sockets: TestSocket[] = [];
  for (const user of users) sockets.push(await connect(roomId, user.cookie));
  const senders = sockets.slice(0, SENDERS);

  const started = Date.now();
  // Every sender pipelines its share without waiting for acks, all at once.
  senders.forEach((socket, s) => {
    for (let i = 0; i < MESSAGES / SENDERS; i++)
      socket.send({
        type: "send",
        clientId: `load-${s}-${String(i).padStart(4, "0")}`,
        text: `${s}:${i}`,
      });
  });
  await Promise.all(
    sockets.map((socket) => socket.next("message", (m) => m.seq === MESSAGES, 15_000)),
  );
  const elapsed = Date.now() - started;

  const expected = Array.from({ length: MESSAGES }, (_, i) => i + 1);
  const reference = sockets[0]?.of("message").map((m) => m.message.text);
  for (const socket of sockets) {
    const messages = socket.of("message");
    expect(messages.map((m) => m.seq)).toEqual(expected);
    expect(messages.map((m) => m.message.text)).toEqual(reference);
    expect(socket.of("error")).toEqual([]);
  }
  // Each sender's messages keep the order it sent them in, and each got exactly its acks.
  senders.forEach((socket, s) => {
    const mine = reference?.filter((t) => t.startsWith(`${s}:`));
    expect(mine).toEqual(Array.from({ length: MESSAGES / SENDERS }, (_, i) => `${s}:${i}`));
    expect(new Set(socket.of("ack").map((a) => a.seq)).size).toBe(MESSAGES / SENDERS);
  });
  console.log(`room-load: ${MESSAGES} messages to ${SOCKETS} sockets in ${elapsed} ms`);

  // Everything acknowledged is stored, and still there after the object is evicted.
  await evictDurableObject(roomStub(env, roomId));
  const stored = await allMessages(roomId);
  expect(stored.map((m) => m.seq)).toEqual(expected);
  expect(stored.map((m) => m.text)).toEqual(reference);
});

it("lets a reconnect storm catch up gap-free while messages keep flowing", async () => {
  const TOTAL = 300;
  const owner = await guest("Owner");
  const roomId = await createRoom(owner.cookie);
  const sender = await connect(roomId, owner.cookie);
  const users = await Promise.all(Array.from({ length: 10 }, (_, i) => guest(`Reader ${i}`)));
  const readers = await Promise.all(users.map((u) => connect(roomId, u.cookie)));

  let liveAfterReconnect = 0;
  // The sender keeps going in batches while the readers drop and come back.
  const sending = (async () => {
    for (let i = 0; i < TOTAL; i++) {
      const clientId = `storm-${String(i).padStart(5, "0")}`;
      sender.send({ type: "send", clientId, text: `s${i}` });
      if (i % 10 === 9) await sender.next("ack", (a) => a.clientId === clientId);
    }
  })();
  // Every reader drops its socket at a different point and comes back with the last seq it saw.
  const seen = await Promise.all(
    readers.map(async (old, r) => {
      await old.next("message", (m) => m.seq >= 10 + r * 25);
      const last = Math.max(...old.of("message").map((m) => m.seq));
      const before = old.of("message").filter((m) => m.seq <= last);
      old.ws.close(1000, "network blip");
      const fresh = await connect(roomId, users[r]?.cookie ?? "", { since: last });
      const welcome = await fresh.next("welcome");
      expect(welcome.mode).toBe("catchup");
      await fresh.next("message", (m) => m.seq === TOTAL, 15_000);
      if (welcome.lastSeq < TOTAL) liveAfterReconnect += 1;
      return [...before, ...fresh.of("message")].map((m) => m.seq);
    }),
  );
  await sending;
  const expected = Array.from({ length: TOTAL }, (_, i) => i + 1);
  for (const seqs of seen) expect(seqs).toEqual(expected);
  // The storm really overlapped the flow: some readers were back before the last message.
  expect(liveAfterReconnect).toBeGreaterThan(0);
});
