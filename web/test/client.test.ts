import { describe, expect, it, vi } from "vitest";
import { BATCH_PARAM, LIMITS } from "../../protocol/limits";
import { RoomClient } from "../src/lib/realtime/client";
import { ACK_TIMEOUT_MS } from "../src/lib/realtime/outbox";
import {
  event,
  fakeClockPerTest,
  memoryStorage,
  message,
  socketFactory,
  welcome,
} from "./fake-socket";

function setup(storage = memoryStorage()) {
  const factory = socketFactory();
  const client = new RoomClient("room-1", {
    origin: "http://parley.test",
    storage,
    params: { invite: "tok" },
    openSocket: factory.open,
  });
  return { factory, client, storage };
}

const sends = (frames: Record<string, unknown>[]) =>
  frames.filter((f) => f.type === "send").map((f) => f.clientId);

fakeClockPerTest();

describe("RoomClient", () => {
  it("catches up from the last seq it saw: since=lastSeq on the reconnect URL, then gap-free", () => {
    const { factory, client } = setup();
    client.connect();
    expect(new URL(factory.last().url).searchParams.get("since")).toBeNull();
    factory.last().receive(welcome({ messages: [message(1), message(2)] }), event(message(3)));
    factory.last().close(1006);
    vi.advanceTimersByTime(30_000);
    const url = new URL(factory.last().url);
    expect(url.pathname).toBe("/api/rooms/room-1/ws");
    expect(url.searchParams.get("since")).toBe("3");
    expect(url.searchParams.get("invite")).toBe("tok");
    // The replay overlaps what we have (3) and continues: 3 is not shown twice, nothing is missed.
    factory
      .last()
      .receive(
        welcome({ mode: "catchup", lastSeq: 5, messages: [] }),
        event(message(3)),
        event(message(4)),
        event(message(5)),
      );
    expect(client.getState().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(client.getState().connection).toEqual({ status: "open" });
  });

  it("asks for a sync when a seq is skipped, and takes the replay", () => {
    const { factory, client } = setup();
    client.connect();
    const ws = factory.last();
    ws.receive(welcome({ messages: [message(1)] }), event(message(3)));
    expect(ws.frames("sync")).toEqual([{ type: "sync", since: 1 }]);
    ws.receive(welcome({ mode: "catchup", lastSeq: 3 }), event(message(2)), event(message(3)));
    expect(client.getState().messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it("resends each pending post once after a reconnect, with the same clientId", () => {
    const { factory, client } = setup();
    client.connect();
    factory.last().receive(welcome());
    factory.last().close(1006); // offline from here
    const a = client.send("one");
    const b = client.send("two");
    expect(client.getState().outbox.map((o) => o.status)).toEqual(["pending", "pending"]);
    vi.advanceTimersByTime(30_000);
    const ws = factory.last();
    expect(sends(ws.frames())).toEqual([]); // nothing before the welcome
    ws.receive(welcome({ mode: "catchup", lastSeq: 0 }));
    expect(sends(ws.frames())).toEqual([a, b]);
    // A second welcome on the same socket (a sync) must not send them again while they wait.
    ws.receive(event(message(1, { clientId: a })), event(message(2, { clientId: b })));
    expect(client.getState().outbox).toEqual([]);
    vi.advanceTimersByTime(60_000);
    expect(sends(ws.frames())).toEqual([a, b]);
  });

  it("paces a long outbox: a burst, then the refill rate, each post once", () => {
    const { factory, client } = setup();
    client.connect();
    const ws = factory.last();
    ws.open(); // open, but not welcomed yet: posts wait for the welcome
    const ids = Array.from({ length: 22 }, (_, i) => client.send(`post ${i}`));
    expect(sends(ws.frames())).toEqual([]);
    ws.receive(welcome());
    expect(sends(ws.frames())).toEqual(ids.slice(0, LIMITS.sendBurst));
    vi.advanceTimersByTime(1000);
    expect(sends(ws.frames())).toHaveLength(LIMITS.sendBurst + LIMITS.sendPerSecond);
    vi.advanceTimersByTime(2000);
    expect(sends(ws.frames())).toEqual(ids);
  });

  it("keeps pending posts across a reload (storage) and resends them", () => {
    const storage = memoryStorage();
    const first = setup(storage);
    first.client.connect();
    const id = first.client.send("survives");
    first.client.close();
    const { factory, client } = setup(storage);
    expect(client.getState().outbox.map((o) => o.clientId)).toEqual([id]);
    client.connect();
    factory.last().receive(welcome());
    expect(sends(factory.last().frames())).toEqual([id]);
    factory.last().receive(event(message(1, { clientId: id })));
    expect(storage.map.size).toBe(0);
  });

  it("fails a post that gets no ack on an open socket, but not one that was cut off", () => {
    const { factory, client } = setup();
    client.connect();
    factory.last().receive(welcome());
    const cut = client.send("cut off");
    factory.last().close(1006);
    vi.advanceTimersByTime(ACK_TIMEOUT_MS * 2);
    expect(client.getState().outbox[0]).toMatchObject({ clientId: cut, status: "pending" });
    factory.last().receive(welcome());
    factory.last().receive({ type: "ack", clientId: cut, seq: 1, createdAt: 0 });
    const lost = client.send("lost");
    vi.advanceTimersByTime(ACK_TIMEOUT_MS);
    expect(client.getState().outbox.find((o) => o.clientId === lost)?.status).toBe("failed");
    expect(client.getState().outbox.find((o) => o.clientId === cut)?.status).toBe("pending");
  });

  it("waits out a rate limit and sends the same post again", () => {
    const { factory, client } = setup();
    client.connect();
    const ws = factory.last();
    ws.receive(welcome());
    const id = client.send("slow");
    ws.receive({ type: "error", code: "rate_limited", message: "x", ref: id, retryAfter: 1500 });
    vi.advanceTimersByTime(1499);
    expect(sends(ws.frames())).toEqual([id]);
    vi.advanceTimersByTime(1);
    expect(sends(ws.frames())).toEqual([id, id]);
  });

  it("paces history pages and retries a rate-limited one", () => {
    const { factory, client } = setup();
    client.connect();
    const ws = factory.last();
    ws.receive(welcome({ messages: [message(50)], hasMore: true }));
    client.loadOlder();
    vi.advanceTimersByTime(0);
    expect(ws.frames("history")).toEqual([
      { type: "history", before: 50, id: "older-50", limit: LIMITS.historyPageDefault },
    ]);
    ws.receive({
      type: "error",
      code: "rate_limited",
      message: "x",
      ref: "older-50",
      retryAfter: 700,
    });
    expect(client.getState().loadingOlder).toBe(true);
    vi.advanceTimersByTime(700);
    expect(ws.frames("history")).toHaveLength(2);
  });

  it("hides what the server does not list in its features", () => {
    const { factory, client } = setup();
    client.connect();
    factory.last().receive(welcome({ features: ["send", "history", "sync", "ping"] }));
    expect(client.supports("search")).toBe(false);
    expect(client.edit(1, "x")).toBe(false);
    expect(client.getState().error).toBe("Editing isn't available yet.");
    client.search("hello");
    expect(client.getState().search?.error).toMatch(/isn't available/);
    expect(factory.last().frames("edit")).toEqual([]);
    expect(factory.last().frames("search")).toEqual([]);
  });

  it("tells listeners about live messages only, once each", () => {
    const { factory, client } = setup();
    const live: number[] = [];
    client.onMessage((m) => live.push(m.seq));
    client.connect();
    factory
      .last()
      .receive(welcome({ messages: [message(1)] }), event(message(2)), event(message(2)));
    expect(live).toEqual([2]);
  });
  it("asks for batches and renders a batch once, its posts in order", () => {
    const { factory, client } = setup();
    client.connect();
    expect(new URL(factory.last().url).searchParams.get(BATCH_PARAM)).toBe("1");
    factory.last().receive(welcome({ messages: [message(1)] }));
    let renders = 0;
    client.subscribe(() => renders++);
    factory.last().receive({ type: "batch", frames: [event(message(2)), event(message(3))] });
    expect(renders).toBe(1);
    expect(client.getState().messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });
});
