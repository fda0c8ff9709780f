import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { RoomAlarms } from "../room/alarms";
import { roomStub } from "../stubs";
import { createRoom, guest } from "./helpers";

// The multiplexer runs against a real room's storage (its alarm_jobs table); the room itself has
// no sockets here, so nothing else schedules jobs meanwhile.
async function inRoom<T>(fn: (storage: DurableObjectStorage) => Promise<T>): Promise<T> {
  const ana = await guest();
  const roomId = await createRoom(ana.cookie);
  return runInDurableObject(roomStub(env, roomId), (_o, state) => fn(state.storage));
}

it("keeps the alarm at the earliest job, runs only due jobs, and lets jobs reschedule", async () => {
  await inRoom(async (storage) => {
    const ran: string[] = [];
    const t = Date.now();
    const alarms: RoomAlarms = new RoomAlarms(storage, {
      early: () => {
        ran.push("early");
      },
      late: () => {
        ran.push("late");
      },
      again: (now) => {
        ran.push("again");
        alarms.schedule("again", now + 1000);
      },
    });
    await alarms.load();
    alarms.schedule("late", t + 60_000);
    expect(await storage.getAlarm()).toBe(t + 60_000);
    alarms.schedule("early", t + 10_000);
    alarms.schedule("early", t + 30_000); // later than pending: ignored (debounce)
    expect(await storage.getAlarm()).toBe(t + 10_000);
    alarms.schedule("again", t + 20_000);

    await alarms.run(t + 25_000);
    expect(ran).toEqual(["early", "again"]);
    expect(alarms.dueAt("early")).toBeNull();
    expect(alarms.dueAt("again")).toBe(t + 26_000);
    expect(await storage.getAlarm()).toBe(t + 26_000);

    alarms.cancel("again");
    expect(await storage.getAlarm()).toBe(t + 60_000);
    await alarms.run(t + 60_000);
    expect(ran).toEqual(["early", "again", "late"]);
    expect(await storage.getAlarm()).toBeNull();
    expect(() => alarms.schedule("nope", t)).toThrow(/No alarm job/);
  });
});

it("survives a restart (jobs live in storage) and retries a job that throws", async () => {
  await inRoom(async (storage) => {
    const t = Date.now();
    const first = new RoomAlarms(storage, { flaky: () => {} });
    await first.load();
    first.schedule("flaky", t + 5_000);

    let calls = 0;
    const second = new RoomAlarms(storage, {
      flaky: () => {
        calls += 1;
        if (calls === 1) throw new Error("transient");
      },
    });
    await second.load();
    expect(second.dueAt("flaky")).toBe(t + 5_000);
    await second.run(t + 5_000);
    expect(calls).toBe(1);
    expect(second.dueAt("flaky")).toBe(t + 15_000);
    await second.run(t + 15_000);
    expect(calls).toBe(2);
    expect(second.dueAt("flaky")).toBeNull();
  });
});
