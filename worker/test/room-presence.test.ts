import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LIMITS, PING_FRAME } from "../../protocol";
import type { Room } from "../room/room";
import { roomStub } from "../stubs";
import { connect, createRoom, guest, type TestSocket } from "./helpers";

/** Everything the room sent before this returns has reached `socket` (frames are ordered). */
async function barrier(socket: TestSocket, sender: TestSocket, tag: string) {
  sender.send({ type: "send", clientId: `barrier-${tag}`, text: tag });
  await socket.next("message", (m) => m.message.clientId === `barrier-${tag}`);
}

const tick = (ms = 15) => new Promise((resolve) => setTimeout(resolve, ms));

describe("presence", () => {
  it("announces join and leave once per user, however many tabs they have", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const b1 = await connect(roomId, ben.cookie);
    const b2 = await connect(roomId, ben.cookie);

    const welcome = await b2.next("welcome");
    expect(welcome.members.map((m) => m.name).sort()).toEqual(["Ana", "Ben"]);
    await barrier(a, a, "1");
    expect(a.of("presence").map((p) => [p.op, p.member.name])).toEqual([["join", "Ben"]]);

    b2.ws.close(1000, "tab closed");
    await tick();
    await barrier(a, a, "2");
    expect(a.of("presence")).toHaveLength(1);

    b1.ws.close(1000, "last tab closed");
    const leave = await a.next("presence", (p) => p.op === "leave");
    expect(leave.member).toMatchObject({ id: ben.me.id, name: "Ben" });
    expect(leave.member.lastSeen).toBeGreaterThan(0);
  });

  it("reports idle only when every tab of the user is idle, and back online", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const b1 = await connect(roomId, ben.cookie);
    const b2 = await connect(roomId, ben.cookie);

    b1.send({ type: "status", status: "idle" });
    await tick();
    b2.send({ type: "status", status: "idle" });
    const idle = await a.next("presence", (p) => p.op === "update");
    expect(idle.member).toMatchObject({ id: ben.me.id, status: "idle" });
    b1.send({ type: "status", status: "online" });
    const back = await a.next("presence", (p) => p.op === "update" && p.member.status === "online");
    expect(back.member.lastSeen).toBeGreaterThanOrEqual(idle.member.lastSeen);
    await barrier(a, a, "status");
    expect(a.of("presence").filter((p) => p.op === "update")).toHaveLength(2);

    const late = await connect(roomId, ana.cookie);
    const ben2 = (await late.next("welcome")).members.find((m) => m.id === ben.me.id);
    expect(ben2?.status).toBe("online");
  });

  it("relays typing to others only, throttled per user, and never stores it", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie);
    const a1 = await connect(roomId, ana.cookie);
    const a2 = await connect(roomId, ana.cookie);
    const b = await connect(roomId, ben.cookie);

    a1.send({ type: "typing" });
    a2.send({ type: "typing" }); // same user, inside the throttle window: dropped
    a1.send({ type: "typing" });
    const typing = await b.next("typing");
    expect(typing).toEqual({ type: "typing", userId: ana.me.id, name: "Ana" });
    await barrier(b, a1, "typing");
    await barrier(a2, a1, "typing");
    expect(b.of("typing")).toHaveLength(1);
    expect(a1.of("typing")).toHaveLength(0);
    expect(a2.of("typing")).toHaveLength(0);
    expect(a1.of("error")).toHaveLength(0);

    const events = await runInDurableObject(roomStub(env, roomId), (_o, state) =>
      state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM events").one(),
    );
    expect(events.n).toBe(0);
    expect(LIMITS.typingExpiryMs).toBeGreaterThan(LIMITS.typingThrottleMs);
  });
});

describe("stale sockets", () => {
  it("are closed by the sweep, which spares sockets that answered keep-alives", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie);
    const b = await connect(roomId, ben.cookie);
    const a = await connect(roomId, ana.cookie);
    await tick(30);
    const cutoff = Date.now();
    await tick(30);
    // Answered by the runtime (auto-response), not by the room: only its timestamp moves.
    a.send(PING_FRAME);
    await a.next("pong");

    const stub = roomStub(env, roomId);
    const closed = await runInDurableObject(stub, (room: Room) => room.sweepStale(cutoff));
    expect(closed).toBe(1);
    const leave = await a.next("presence", (p) => p.op === "leave");
    expect(leave.member.id).toBe(ben.me.id);
    await tick(50);
    expect(b.closed?.code).toBe(1001);
    expect(a.closed).toBeNull();
  });

  it("runs as an alarm job while anyone is connected", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const stub = roomStub(env, roomId);
    const job = () =>
      runInDurableObject(stub, async (_o, state) => ({
        alarm: await state.storage.getAlarm(),
        due: state.storage.sql
          .exec<{ due_at: number }>("SELECT due_at FROM alarm_jobs WHERE name = 'sweep'")
          .toArray()[0]?.due_at,
      }));
    const before = await job();
    expect(before.due).toBeGreaterThan(Date.now());
    // Other jobs (the join's lobby report) may be due sooner; the alarm is never later.
    expect(before.alarm).toBeLessThanOrEqual(before.due as number);

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const after = await job();
    // The sweep is not due yet: the early alarm left it pending and armed for it.
    expect(after).toEqual({ alarm: before.due, due: before.due });
    expect(a.closed).toBeNull();
  });
});
