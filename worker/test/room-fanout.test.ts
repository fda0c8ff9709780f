import { describe, expect, it } from "vitest";
import { FANOUT_PER_SECOND, FanoutBudget } from "../room/fanout";
import { roomSettings } from "../room/settings";

describe("room fan-out budget", () => {
  it("takes a quarter second of deliveries at once, then asks the room to wait", () => {
    const budget = new FanoutBudget(1000); // burst 250 deliveries
    const t = 1_000_000;
    // A message to 46 sockets costs 46 + 4 = 50: five of them fill the burst.
    for (let i = 0; i < 5; i++) expect(budget.take(46, t)).toBe(0);
    const wait = budget.take(46, t);
    expect(wait).toBe(50); // 50 deliveries at 1000/s
    // Waiting as told is enough, and not more than needed.
    expect(budget.take(46, t + wait - 1)).toBeGreaterThan(0);
    expect(budget.take(46, t + wait)).toBe(0);
  });

  it("refills at its rate and never beyond the burst", () => {
    const budget = new FanoutBudget(1000);
    const t = 5_000_000;
    expect(budget.take(246, t)).toBe(0); // the whole burst
    expect(budget.take(0, t)).toBeGreaterThan(0);
    // An hour later the bucket holds one burst, not an hour of tokens.
    expect(budget.take(246, t + 3_600_000)).toBe(0);
    expect(budget.take(0, t + 3_600_000)).toBeGreaterThan(0);
  });

  it("still lets a message into a room bigger than the burst, at the burst's price", () => {
    const budget = new FanoutBudget(1000);
    expect(budget.take(100_000, 1)).toBe(0);
    expect(budget.take(100_000, 1)).toBe(250);
  });

  it("defaults to 400 msg/s for 50 listeners", () => {
    const budget = new FanoutBudget();
    let accepted = 0;
    // One simulated second in 1 ms steps, 1,000 offered messages to a room of 50 sockets.
    for (let ms = 0; ms < 1000; ms++) if (budget.take(50, 1_000 + ms) === 0) accepted++;
    expect(FANOUT_PER_SECOND).toBe(20_000);
    expect(accepted).toBeGreaterThanOrEqual(400);
    expect(accepted).toBeLessThan(500);
  });

  it("is set by ROOM_FANOUT_PER_SECOND, or scaled with the load-test rate scale", () => {
    expect(roomSettings({}).fanoutPerSecond).toBe(FANOUT_PER_SECOND);
    expect(roomSettings({ ROOM_RATE_LIMIT_SCALE: "1000" }).fanoutPerSecond).toBe(
      FANOUT_PER_SECOND * 1000,
    );
    expect(
      roomSettings({ ROOM_RATE_LIMIT_SCALE: "1000", ROOM_FANOUT_PER_SECOND: "5000" })
        .fanoutPerSecond,
    ).toBe(5000);
    expect(roomSettings({ ROOM_FANOUT_PER_SECOND: "nonsense" }).fanoutPerSecond).toBe(
      FANOUT_PER_SECOND,
    );
  });
});
