import { describe, expect, it } from "vitest";
import { LIMITS } from "../../protocol";
import { connect, createRoom, guest } from "./helpers";

describe("rate limits (default settings)", () => {
  it("answers rate_limited with retryAfter once a connection spends its burst", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    for (let i = 0; i <= LIMITS.sendBurst; i++)
      a.send({ type: "send", clientId: `burst-${String(i).padStart(4, "0")}`, text: `m${i}` });
    const last = `burst-${String(LIMITS.sendBurst).padStart(4, "0")}`;
    const err = await a.next("error", (e) => e.ref === last);
    expect(err.code).toBe("rate_limited");
    expect(err.retryAfter).toBeGreaterThan(0);
    expect(err.retryAfter).toBeLessThanOrEqual(Math.ceil(1000 / LIMITS.sendPerSecond));
    expect(a.of("ack")).toHaveLength(LIMITS.sendBurst);

    // After waiting as told, the same message goes through.
    await new Promise((resolve) => setTimeout(resolve, (err.retryAfter ?? 0) + 20));
    a.send({ type: "send", clientId: last, text: "again" });
    expect((await a.next("ack", (x) => x.clientId === last)).seq).toBe(LIMITS.sendBurst + 1);
  });

  it("also limits one user across several sockets", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const tabs = await Promise.all([1, 2, 3].map(() => connect(roomId, ana.cookie)));
    // Each socket stays within its own burst; together they exceed the user's.
    const perTab = LIMITS.sendBurst;
    expect(perTab * tabs.length).toBeGreaterThan(LIMITS.userSendBurst + 5);
    tabs.forEach((tab, t) => {
      for (let i = 0; i < perTab; i++)
        tab.send({ type: "send", clientId: `user-${t}-${i}xxx`, text: "x" });
    });
    const answered = () =>
      tabs.reduce((n, tab) => n + tab.of("ack").length + tab.of("error").length, 0);
    while (answered() < perTab * tabs.length)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const errors = tabs.flatMap((tab) => tab.of("error"));
    expect(errors.every((e) => e.code === "rate_limited" && (e.retryAfter ?? 0) > 0)).toBe(true);
    const acked = new Set(tabs.flatMap((tab) => tab.of("ack").map((x) => x.seq)));
    // The burst, plus whatever refilled while the frames were processed (a few at most).
    expect(acked.size).toBeGreaterThanOrEqual(LIMITS.userSendBurst);
    expect(acked.size).toBeLessThan(LIMITS.userSendBurst + 5);
    expect(errors.length).toBe(perTab * tabs.length - acked.size);
  });
});

describe("rate limits and the 1008 policy", () => {
  it("never closes a client that waits as told, however often it is limited", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    let limited = 0;
    for (let i = 0; limited <= LIMITS.maxViolations; i++) {
      const clientId = `patient-${String(i).padStart(4, "0")}`;
      a.send({ type: "send", clientId, text: `p${i}` });
      const answer = await Promise.race([
        a.next("ack", (x) => x.clientId === clientId),
        a.next("error", (x) => x.ref === clientId),
      ]);
      if (answer.type === "error") {
        expect(answer.code).toBe("rate_limited");
        limited += 1;
        await new Promise((resolve) => setTimeout(resolve, answer.retryAfter ?? 0));
      }
    }
    expect(a.closed).toBeNull();
    a.send({ type: "send", clientId: "patient-end", text: "still welcome" });
    await a.next("ack", (x) => x.clientId === "patient-end");
  });

  it("closes a client that keeps sending while told to wait", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const b = await connect(roomId, ben.cookie);
    const flood = LIMITS.sendBurst + LIMITS.maxViolations + 5;
    for (let i = 0; i < flood; i++)
      a.send({ type: "send", clientId: `flood-${i}-xxx`, text: "spam" });
    await b.next("presence", (p) => p.op === "leave");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.closed?.code).toBe(1008);
    expect(b.closed).toBeNull();
  });
});

describe("abuse", () => {
  it("gives invalid, oversize and binary frames error frames while the room serves others", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const b = await connect(roomId, ben.cookie);

    b.send("{");
    b.send("[]");
    b.send({ type: "send", clientId: "x", text: "short id" });
    b.send({ type: "edit", seq: -1, text: "negative" });
    b.send("x".repeat(LIMITS.maxFrameBytes + 1));
    b.send(JSON.stringify({ type: "send", clientId: "multibyte-1", text: "é".repeat(4100) }));
    b.ws.send(new Uint8Array([123, 125]));
    a.send({ type: "send", clientId: "meanwhile-1", text: "business as usual" });

    await b.next("message", (m) => m.message.clientId === "meanwhile-1");
    await b.next("error", (e) => e.code === "binary_unsupported");
    expect(b.of("error").map((e) => e.code)).toEqual([
      "bad_request",
      "unknown_type",
      "bad_request",
      "bad_request",
      "too_large",
      "too_large",
      "binary_unsupported",
    ]);
    expect(b.closed).toBeNull();
    expect(a.of("error")).toHaveLength(0);
    b.send({ type: "send", clientId: "recovered", text: "fine now" });
    await a.next("message", (m) => m.message.clientId === "recovered");
  });

  it("closes a client that keeps sending garbage with 1008, and only that client", async () => {
    const ana = await guest("Ana");
    const eve = await guest("Eve");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const e = await connect(roomId, eve.cookie);
    for (let i = 0; i < LIMITS.maxViolations; i++) e.send("garbage");
    const leave = await a.next("presence", (p) => p.op === "leave");
    expect(leave.member.id).toBe(eve.me.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(e.closed?.code).toBe(1008);
    expect(e.closed?.reason).toMatch(/Too many/);
    expect(a.closed).toBeNull();
    a.send({ type: "send", clientId: "after-flood", text: "still here" });
    await a.next("ack", (x) => x.clientId === "after-flood");
  });
});
