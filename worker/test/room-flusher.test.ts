import { expect, it } from "vitest";
import { Flusher, TICK_MS } from "../room/flusher";

const microtask = () => new Promise<void>((resolve) => queueMicrotask(resolve));

it("flushes a quiet room at the end of the event, at once", async () => {
  const runs: number[] = [];
  const f = new Flusher((late) => runs.push(late));
  f.kick(Date.now());
  expect(runs).toEqual([]); // not inside the event itself
  await microtask();
  expect(runs).toHaveLength(1);
  expect(runs[0]).toBeLessThan(TICK_MS);
});

it("gathers a busy room's events for a tick, and an event that finds the flush overdue runs it", async () => {
  const runs: number[] = [];
  const f = new Flusher((late) => runs.push(late));
  f.kick(Date.now());
  await microtask(); // the first flush: at once
  f.kick(Date.now()); // busy: due one tick after the last flush
  f.kick(Date.now()); // gathered into the same flush
  await microtask();
  expect(runs).toHaveLength(1);
  // The thread is busy (frames keep coming, its timer cannot run): the next frame that finds
  // the flush overdue runs it at its own end, and reports how late it is.
  const until = Date.now() + TICK_MS + 30;
  while (Date.now() < until) {
    // busy
  }
  f.kick(Date.now());
  await microtask();
  expect(runs).toHaveLength(2);
  expect(runs[1]).toBeGreaterThanOrEqual(30 - TICK_MS);
});
