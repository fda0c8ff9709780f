import { expect, it } from "vitest";
import { Outbox } from "../room/outbox";

/** A socket that records what it was sent (only `send` is used by the outbox). */
function fakeSocket() {
  const got: string[] = [];
  const ws = { send: (text: string) => got.push(text) } as unknown as WebSocket;
  return { ws, got };
}

/** What a socket received, batches unpacked, as the frames' `n` fields. */
function framesOf(got: string[]): number[] {
  return got.flatMap((text) => {
    const frame = JSON.parse(text) as { type: string; n?: number; frames?: { n: number }[] };
    return frame.type === "batch" ? (frame.frames ?? []).map((f) => f.n) : [frame.n as number];
  });
}

it("gives each socket its own frames and the broadcasts in order, sharing what is the same", () => {
  const [a, b, c, d] = [fakeSocket(), fakeSocket(), fakeSocket(), fakeSocket()];
  const all = [a, b, c, d];
  const outbox = new Outbox(
    () => all.map((s) => s.ws),
    (ws) => ws !== d.ws, // d is an older client: single frames
  );
  const f = (n: number) => JSON.stringify({ type: "message", n });
  outbox.to(a.ws, f(1)); // a's ack
  outbox.broadcast(f(2)); // everyone
  outbox.broadcast(f(3), (ws) => ws === b.ws); // everyone but b
  outbox.to(c.ws, null); // an empty slot: dropped
  outbox.broadcast(f(4));
  expect(outbox.flush()).toBe(1 + 1 + 1 + 3);
  expect(framesOf(a.got)).toEqual([1, 2, 3, 4]);
  expect(framesOf(b.got)).toEqual([2, 4]);
  expect(framesOf(c.got)).toEqual([2, 3, 4]);
  expect(d.got.map((t) => JSON.parse(t).n)).toEqual([2, 3, 4]);
  // c got exactly the broadcasts: one batch frame, the same string any such socket gets.
  expect(c.got).toHaveLength(1);
  expect(outbox.empty).toBe(true);
});

it("sends nothing to a socket with nothing for it", () => {
  const [a, b] = [fakeSocket(), fakeSocket()];
  const outbox = new Outbox(
    () => [a.ws, b.ws],
    () => true,
  );
  outbox.to(a.ws, JSON.stringify({ type: "pong", n: 1 }));
  outbox.flush();
  expect(framesOf(a.got)).toEqual([1]);
  expect(b.got).toEqual([]);
});
