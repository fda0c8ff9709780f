import { afterEach, expect, it, vi } from "vitest";
import { LogAggregator } from "../log";
import { post } from "./auth-helpers";
import { connect, createRoom, guest } from "./helpers";

/** Every line the code under test writes, parsed (all of them are JSON). */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  for (const level of ["log", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      const text = args.map(String).join(" ");
      raw.push(text);
      lines.push(JSON.parse(text) as Record<string, unknown>);
    });
  }
  return { lines, raw };
}

afterEach(() => {
  vi.restoreAllMocks();
});

it("aggregates a flood of refusals into one line per scope per window", () => {
  const { lines } = capture();
  const agg = new LogAggregator("rate_limited", 60_000);
  const t = 1_000_000;
  for (let i = 0; i < 5000; i++) agg.hit("auth", t + i);
  agg.hit("rooms", t + 10);
  expect(lines).toEqual([
    { level: "warn", event: "rate_limited", scope: "auth", count: 1 },
    { level: "warn", event: "rate_limited", scope: "rooms", count: 1 },
  ]);
  agg.hit("auth", t + 60_000); // the next window: the rest of the last one, then a fresh first
  expect(lines.slice(2)).toEqual([
    { level: "warn", event: "rate_limited", scope: "auth", count: 4999, windowMs: 60_000 },
    { level: "warn", event: "rate_limited", scope: "auth", count: 1 },
  ]);
});

it("logs a socket upgrade with its request id, room and status, and nothing a user wrote", async () => {
  const ana = await guest("Ana Secretname");
  const roomId = await createRoom(ana.cookie);
  const { lines, raw } = capture();
  const socket = await connect(roomId, ana.cookie);
  socket.send({ type: "send", clientId: "log-test-0001", text: "a very private sentence" });
  await socket.next("ack");
  const upgrade = lines.find((l) => l.event === "socket_upgrade");
  expect(upgrade).toMatchObject({ level: "info", room: roomId, status: 101 });
  expect(upgrade?.rid).toMatch(/^[\w-]{8,}$/);
  const all = raw.join("\n");
  expect(all).not.toContain("private sentence");
  expect(all).not.toContain("Secretname");
  expect(all).not.toContain(ana.cookie.split("=")[1]);
});

it("logs HTTP rate-limit refusals once, not once per refused request", async () => {
  const ip = "203.0.113.77";
  for (let i = 0; i < 60; i++) await post("/api/auth/guest", { name: `G${i}` }, { ip });
  const { lines } = capture();
  for (let i = 0; i < 20; i++) {
    const res = await post("/api/auth/guest", { name: "Late" }, { ip });
    expect(res.status).toBe(429);
  }
  const refusals = lines.filter((l) => l.event === "rate_limited");
  expect(refusals).toHaveLength(1); // the first of this window; the other 19 are only counted
  expect(refusals.every((l) => l.level === "warn" && l.scope === "auth")).toBe(true);
});
