import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../protocol";
import { batchTexts } from "../room/outbox";
import { roomStub } from "../stubs";
import { connect, createRoom, guest, type TestSocket } from "./helpers";

/** Three users each pipeline `each` messages at once (within their burst): a busy tick. */
async function burst(roomId: string, each: number, tag: string): Promise<TestSocket[]> {
  const senders = await Promise.all(
    [0, 1, 2].map(async (i) => connect(roomId, (await guest(`S${i}`)).cookie, { batch: true })),
  );
  senders.forEach((s, i) => {
    for (let n = 0; n < each; n++)
      s.send({ type: "send", clientId: `${tag}-${i}-${String(n).padStart(4, "0")}`, text: "x" });
  });
  await Promise.all(
    senders.map((s, i) =>
      s.next("ack", (a) => a.clientId === `${tag}-${i}-${String(each - 1).padStart(4, "0")}`),
    ),
  );
  return senders;
}

const seqs = (s: TestSocket) => s.of("message").map((m) => m.seq);

describe("batched delivery", () => {
  it("sends a client that asked for batches a busy tick in one frame, and an old client single frames", async () => {
    const owner = await guest("Owner");
    const roomId = await createRoom(owner.cookie);
    const v1 = await connect(roomId, owner.cookie); // no batch=1: a client of before
    const v2 = await connect(roomId, (await guest("Reader")).cookie, { batch: true });
    const each = LIMITS.sendBurst - 1;
    await burst(roomId, each, "b");
    const total = 3 * each;
    await v1.next("message", (m) => m.seq === total);
    await v2.next("message", (m) => m.seq === total);

    // The old client never sees a batch frame, and gets every event once, in order.
    expect(v1.messages.some((m) => m.type === "batch")).toBe(false);
    expect(v1.messages.every((m) => m.frames === 1)).toBe(true);
    expect(seqs(v1)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // The new one got the same events in the same order, in fewer socket messages.
    expect(seqs(v2)).toEqual(seqs(v1));
    const batches = v2.messages.filter((m) => m.type === "batch");
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.every((m) => m.frames >= 2)).toBe(true);
    const v2Messages = v2.messages.filter((m) => m.type !== "welcome").length;
    const v1Messages = v1.messages.filter((m) => m.type !== "welcome").length;
    expect(v2Messages).toBeLessThan(v1Messages);
  });

  it("acks every batched send only once it is stored", async () => {
    const owner = await guest("Owner");
    const roomId = await createRoom(owner.cookie);
    const senders = await burst(roomId, LIMITS.sendBurst - 1, "d");
    const acked = senders.flatMap((s) => s.of("ack").map((a) => a.seq));
    const stored = await runInDurableObject(roomStub(env, roomId), (_obj, state) =>
      state.storage.sql
        .exec<{ seq: number }>("SELECT seq FROM messages ORDER BY seq")
        .toArray()
        .map((r) => r.seq),
    );
    for (const seq of acked) expect(stored).toContain(seq);
    expect(new Set(acked).size).toBe(acked.length);
  });

  it("keeps a sender's answers in the order of its frames, refusals included", async () => {
    const owner = await guest("Owner");
    const roomId = await createRoom(owner.cookie);
    const a = await connect(roomId, owner.cookie, { batch: true });
    const ids = Array.from({ length: LIMITS.sendBurst + 3 }, (_, i) => `order-${i}xxx`);
    for (const clientId of ids) a.send({ type: "send", clientId, text: "x" });
    await a.next("error", (e) => e.ref === ids[ids.length - 1]);
    const answers = a.frames
      .filter((f) => f.type === "ack" || f.type === "error")
      .map((f) => (f.type === "ack" ? f.clientId : f.ref));
    expect(answers).toEqual(ids);
  });

  it("replays a catch-up with its welcome in one frame to a batch client, one per event to others", async () => {
    const owner = await guest("Owner");
    const roomId = await createRoom(owner.cookie);
    const writer = await connect(roomId, owner.cookie);
    for (let i = 0; i < 8; i++)
      writer.send({ type: "send", clientId: `catch-${i}xxx`, text: `m${i}` });
    await writer.next("ack", (x) => x.clientId === "catch-7xxx");
    const reader = await guest("Reader");
    const old = await connect(roomId, reader.cookie, { since: 2 });
    await old.next("message", (m) => m.seq === 8);
    expect(old.messages.map((m) => m.type)).toEqual(["welcome", ...Array(6).fill("message")]);
    const fresh = await connect(roomId, reader.cookie, { since: 2, batch: true });
    expect(fresh.messages[0]).toEqual({ type: "batch", frames: 7 });
    expect(fresh.frames[0]?.type).toBe("welcome");
    expect(seqs(fresh)).toEqual([3, 4, 5, 6, 7, 8]);
  });
});

describe("batchTexts", () => {
  it("never makes a frame longer than the cap, and keeps the order", () => {
    const one = JSON.stringify({ type: "pong", pad: "x".repeat(40_000) });
    const texts = Array.from({ length: 20 }, () => one);
    const frames = batchTexts(texts);
    expect(frames.length).toBeGreaterThan(1);
    for (const f of frames)
      expect(new TextEncoder().encode(f).length).toBeLessThanOrEqual(LIMITS.maxServerFrameBytes);
    const back = frames.flatMap((f) => {
      const parsed = JSON.parse(f) as { type: string; frames?: unknown[] };
      return parsed.type === "batch" ? (parsed.frames ?? []) : [parsed];
    });
    expect(back).toHaveLength(20);
  });

  it("sends a frame bigger than the cap on its own, and a lone frame unwrapped", () => {
    const big = JSON.stringify({ type: "pong", pad: "x".repeat(LIMITS.maxServerFrameBytes) });
    expect(batchTexts(['{"type":"pong"}', big, '{"type":"pong"}'])).toEqual([
      '{"type":"pong"}',
      big,
      '{"type":"pong"}',
    ]);
    expect(batchTexts(['{"type":"pong"}'])).toEqual(['{"type":"pong"}']);
  });
});
