import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  CLOSE_BANNED,
  CLOSE_KICKED,
  CLOSE_LEFT,
  CLOSE_SIGNED_OUT,
} from "../../protocol/close-codes";
import { PING_FRAME } from "../../protocol/limits";
import { backoff, finalClose, Transport } from "../src/lib/realtime/transport";
import { socketFactory } from "./fake-socket";

function setup() {
  const factory = socketFactory();
  const log: string[] = [];
  const transport = new Transport(
    { url: () => `ws://test/${factory.sockets.length}`, open: factory.open },
    {
      frames: (f) => log.push(`frames ${f.map((x) => x.type).join(",")}`),
      connecting: (attempt) => log.push(`connecting ${attempt}`),
      reconnecting: (_at, attempt) => log.push(`reconnecting ${attempt}`),
      closed: (code) => log.push(`closed ${code}`),
      dropped: () => log.push("dropped"),
    },
  );
  return { factory, log, transport };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("transport", () => {
  it("backs off exponentially with jitter between half and all of a cap of 30 s", () => {
    expect(backoff(1, () => 0)).toBe(500);
    expect(backoff(1, () => 1)).toBe(1000);
    expect(backoff(3, () => 0)).toBe(2000);
    expect(backoff(3, () => 1)).toBe(4000);
    expect(backoff(10, () => 1)).toBe(30_000);
    expect(backoff(99, () => 0)).toBe(15_000);
  });

  it("reconnects after a dropped socket, waiting longer each time, and starts over once welcomed", () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const { factory, log, transport } = setup();
    transport.connect();
    factory.last().close(1006);
    expect(log).toEqual(["connecting 0", "dropped", "reconnecting 1"]);
    vi.advanceTimersByTime(999);
    expect(factory.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(factory.sockets).toHaveLength(2);
    factory.last().close(1001);
    vi.advanceTimersByTime(1999);
    expect(factory.sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(factory.sockets).toHaveLength(3);
    // A welcome resets the backoff: the next drop waits the first delay again.
    transport.welcomed();
    factory.last().close(1006);
    vi.advanceTimersByTime(1000);
    expect(factory.sockets).toHaveLength(4);
    vi.restoreAllMocks();
  });

  it.each([[1008], [CLOSE_KICKED], [CLOSE_BANNED], [CLOSE_SIGNED_OUT], [CLOSE_LEFT], [4499]])(
    "never reconnects after the final close %i",
    (code) => {
      const { factory, log, transport } = setup();
      transport.connect();
      factory.last().close(code, "");
      vi.advanceTimersByTime(120_000);
      expect(factory.sockets).toHaveLength(1);
      expect(log.at(-1)).toBe(`closed ${code}`);
      expect(finalClose(code, "")).toBeTruthy();
    },
  );

  it("retries every other close, ours for a missed pong included", () => {
    for (const code of [1000, 1001, 1006, 1011, 4000]) expect(finalClose(code, "")).toBeNull();
  });

  it("pings every 25 s and drops a socket that does not answer within 10 s", () => {
    const { factory, log, transport } = setup();
    transport.connect();
    factory.last().open();
    transport.welcomed();
    vi.advanceTimersByTime(25_000);
    expect(factory.last().sent).toEqual([PING_FRAME]);
    transport.pong();
    vi.advanceTimersByTime(10_000);
    expect(factory.last().readyState).toBe(1);
    vi.advanceTimersByTime(15_000); // second ping, never answered
    vi.advanceTimersByTime(10_000);
    expect(factory.sockets[0]?.readyState).toBe(3);
    expect(log).toContain("reconnecting 1");
  });

  it("ignores binary and malformed messages, and a stopped transport stays stopped", () => {
    const { factory, log, transport } = setup();
    transport.connect();
    factory.last().onmessage?.({ data: new ArrayBuffer(4) });
    factory.last().onmessage?.({ data: "{not json" });
    expect(log).toEqual(["connecting 0"]);
    transport.stop();
    vi.advanceTimersByTime(120_000);
    expect(factory.sockets).toHaveLength(1);
    expect(transport.send("x")).toBe(false);
  });
});
