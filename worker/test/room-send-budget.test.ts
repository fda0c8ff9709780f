import { describe, expect, it } from "vitest";
import {
  LATE_MS,
  MAX_DELIVERIES_PER_SECOND,
  MAX_SENDS_PER_SECOND,
  MIN_SENDS_PER_SECOND,
  SendBudget,
} from "../room/send-budget";
import { roomSettings } from "../room/settings";

/** Offers `rate` sends per second for `ms`, in 1 ms steps; returns how many were taken. */
function offer(budget: SendBudget, from: number, ms: number, rate: number): number {
  let taken = 0;
  let due = 0;
  for (let t = from; t < from + ms; t++) {
    due += rate / 1000;
    while (due >= 1) {
      due -= 1;
      if (budget.wait(t) === 0) {
        budget.take(t);
        taken++;
      }
    }
  }
  return taken;
}

describe("room send budget", () => {
  it("looks without taking: wait() alone never spends the budget", () => {
    const budget = new SendBudget(100); // burst 25
    for (let i = 0; i < 1000; i++) expect(budget.wait(1_000)).toBe(0);
    for (let i = 0; i < 25; i++) {
      expect(budget.wait(1_000)).toBe(0);
      budget.take(1_000);
    }
    const wait = budget.wait(1_000);
    expect(wait).toBe(10); // one send at 100/s
    expect(budget.wait(1_000 + wait - 1)).toBeGreaterThan(0);
    expect(budget.wait(1_000 + wait)).toBe(0);
  });

  it("keeps its ceiling while flushes run on time", () => {
    const budget = new SendBudget(1000);
    for (let t = 0; t < 2000; t += 4) budget.observe(1, 1_000 + t);
    expect(budget.perSecond).toBe(1000);
    // 2,000 msg/s offered for a second: the ceiling plus one burst get in.
    const taken = offer(budget, 10_000, 1000, 2000);
    expect(taken).toBeGreaterThanOrEqual(1000);
    expect(taken).toBeLessThanOrEqual(1000 + 250 + 1);
  });

  it("falls below what the room accepted when its flushes run late, and recovers", () => {
    const budget = new SendBudget(MAX_SENDS_PER_SECOND);
    let t = 1_000_000;
    // The room accepts ~600/s, but every flush runs 3 × LATE_MS late: it is behind.
    for (let i = 0; i < 10; i++) {
      offer(budget, t, 100, 600);
      t += 100;
      budget.observe(3 * LATE_MS, t);
    }
    expect(budget.perSecond).toBeLessThan(600);
    expect(budget.perSecond).toBeGreaterThanOrEqual(MIN_SENDS_PER_SECOND);
    const low = budget.perSecond;
    // On time again: the budget climbs back towards the ceiling, step by step.
    for (let i = 0; i < 100; i++) {
      t += 100;
      budget.observe(0, t);
    }
    expect(budget.perSecond).toBeGreaterThan(low);
    expect(budget.perSecond).toBe(MAX_SENDS_PER_SECOND);
  });

  it("never goes below the floor, however late the room runs", () => {
    const budget = new SendBudget();
    for (let t = 0; t < 100_000; t += 100) budget.observe(10_000, 1_000 + t);
    expect(budget.perSecond).toBe(MIN_SENDS_PER_SECOND);
    expect(offer(budget, 200_000, 1000, 1000)).toBeGreaterThanOrEqual(MIN_SENDS_PER_SECOND);
  });

  it("one late flush does not swing it; lateness that lasts does", () => {
    const budget = new SendBudget(1000);
    let t = 1_000;
    budget.observe(0, t);
    t += 150;
    budget.observe(3 * LATE_MS, t); // a GC pause
    expect(budget.perSecond).toBe(1000);
    for (let i = 0; i < 10; i++) {
      offer(budget, t, 100, 1000);
      t += 100;
      budget.observe(3 * LATE_MS, t);
    }
    expect(budget.perSecond).toBeLessThan(1000);
  });

  it("a room late while it accepts little first comes down to twice its traffic", () => {
    const budget = new SendBudget(2000);
    let t = 1_000;
    budget.observe(0, t);
    for (let i = 0; i < 5; i++) {
      offer(budget, t, 100, 50); // 50 msg/s, far below the budget, while the room runs late
      t += 100;
      budget.observe(5 * LATE_MS, t);
      if (budget.perSecond < 2000) break;
    }
    expect(budget.perSecond).toBeGreaterThanOrEqual(80);
    expect(budget.perSecond).toBeLessThanOrEqual(120);
    expect(offer(budget, t, 1000, 50)).toBeGreaterThanOrEqual(49);
  });
});

describe("room send budget setting", () => {
  it("is set by ROOM_SEND_BUDGET, or scaled with the load-test rate scale", () => {
    expect(roomSettings({}).sendBudgetMax).toBe(MAX_SENDS_PER_SECOND);
    expect(roomSettings({ ROOM_RATE_LIMIT_SCALE: "1000" }).sendBudgetMax).toBe(
      MAX_SENDS_PER_SECOND * 1000,
    );
    expect(
      roomSettings({ ROOM_RATE_LIMIT_SCALE: "1000", ROOM_SEND_BUDGET: "5000" }).sendBudgetMax,
    ).toBe(5000);
    expect(roomSettings({ ROOM_SEND_BUDGET: "nonsense" }).sendBudgetMax).toBe(MAX_SENDS_PER_SECOND);
    expect(roomSettings({ ROOM_SEND_BUDGET: "off" }).sendBudgetMax).toBeNull();
  });
});

describe("the delivery cap under the adaptive budget", () => {
  it("holds a room of many sockets to MAX_DELIVERIES_PER_SECOND however on time it runs", () => {
    const budget = new SendBudget(2000);
    const sockets = 300; // 60,000 / 300 = 200 sends per second, a burst of 50
    let now = 1_000;
    let sent = 0;
    for (let i = 0; i < 10_000; i++) {
      now += 1; // 1,000 attempts per second for 10 s, every flush on time
      budget.observe(0, now, sockets);
      if (budget.wait(now) === 0) {
        budget.take(now);
        sent += 1;
      }
    }
    const perSecond = sent / 10;
    expect(perSecond).toBeLessThanOrEqual(MAX_DELIVERIES_PER_SECOND / sockets + 10);
    expect(perSecond).toBeGreaterThan(MAX_DELIVERIES_PER_SECOND / sockets - 20);
    // A commit's report (no socket count) leaves the room's size as the last flush saw it.
    budget.observe(0, now + 1);
    expect(offer(budget, now + 1, 1000, 1000)).toBeLessThanOrEqual(
      MAX_DELIVERIES_PER_SECOND / sockets + 10,
    );
    now += 1001;
    // A small room is not held back by the cap.
    budget.observe(0, now + 1000, 2);
    expect(budget.wait(now + 1000)).toBe(0);
  });
});
