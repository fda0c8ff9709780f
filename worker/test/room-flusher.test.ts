import { expect, it } from "vitest";
import { Flusher, TICK_MS } from "../room/flusher";

const microtask = () => new Promise<void>((resolve) => queueMicrotask(resolve));

it("flushes a quiet room at the end of the event, at once", async () => {
  const runs: number[] = [];
  const f = new Flusher((late) => runs.push(late));
  f.kick(Date.now());
  expect(runs).toEqual([]); // not inside the event itself
  await microtask();
  // After one microtask, before any timer could run: the flush did not wait for a tick.
  expect(runs).toHaveLength(1);
});

it("gathers a busy room's events for a tick, and an event that finds the flush overdue runs it", async () => {
  const runs: number[] = [];
  const f = new Flusher((late) => runs.push(late));
  f.kick(Date.now());
  await microtask(); // the first flush: at once
  // One clock reading for both: a preempted test thread must not make the second one overdue.
  const t = Date.now();
  f.kick(t); // busy: due one tick after the last flush
  f.kick(t); // gathered into the same flush
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

/** A commit the test lands by hand. */
function commit() {
  let land = () => {};
  const durable = new Promise<void>((resolve) => {
    land = resolve;
  });
  return { durable, land };
}

it("waits for the last flush's commit, gathering meanwhile, and flushes a tick after it lands", async () => {
  const runs: number[] = [];
  const commits: number[] = [];
  const f = new Flusher(
    (late) => runs.push(late),
    (ms) => commits.push(ms),
  );
  f.kick(Date.now());
  await microtask();
  expect(runs).toHaveLength(1);
  const first = commit();
  f.after(first.durable);
  // Events during the commit: nothing is flushed while it is in flight, however long it takes.
  for (let i = 0; i < 5; i++) f.kick(Date.now());
  await new Promise((r) => setTimeout(r, TICK_MS * 5));
  expect(runs).toHaveLength(1);
  first.land();
  await microtask();
  await microtask();
  expect(commits).toHaveLength(1);
  expect(commits[0]).toBeGreaterThanOrEqual(TICK_MS * 4);
  // Landed: not at once (frames held back by the commit come in first), but one tick later,
  // and all five events go out together; the flush knows how long it waited.
  expect(runs).toHaveLength(1);
  await new Promise((r) => setTimeout(r, TICK_MS * 3));
  expect(runs).toHaveLength(2);
  expect(runs[1]).toBeGreaterThanOrEqual(TICK_MS * 4);
});

it("flushes at once when asked (a welcome must not wait), even with a commit in flight", async () => {
  const runs: number[] = [];
  const f = new Flusher((late) => runs.push(late));
  f.after(commit().durable); // never lands
  f.kick(Date.now());
  await new Promise((r) => setTimeout(r, TICK_MS * 2));
  expect(runs).toHaveLength(0);
  f.now();
  expect(runs).toHaveLength(1);
});

it("a commit that fails still lets the next flush run", async () => {
  const runs: number[] = [];
  const f = new Flusher((late) => runs.push(late));
  f.after(Promise.reject(new Error("disk full")));
  f.kick(Date.now());
  await new Promise((r) => setTimeout(r, TICK_MS * 4));
  expect(runs).toHaveLength(1);
});
