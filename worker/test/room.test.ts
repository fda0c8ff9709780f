import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../protocol";
import { roomStub } from "../stubs";
import { api, connect, createRoom, guest } from "./helpers";

describe("room sockets", () => {
  it("broadcasts a message to every socket in the room and acks the sender", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const b = await connect(roomId, ben.cookie);

    a.send({ type: "send", clientId: "client-0001", text: "hello ben" });
    const ack = await a.next("ack");
    const atB = await b.next("message");
    const atA = await a.next("message");

    expect(ack.clientId).toBe("client-0001");
    expect(atB.message).toMatchObject({
      seq: ack.seq,
      text: "hello ben",
      author: { id: ana.me.id, name: "Ana" },
    });
    expect(atA.seq).toBe(ack.seq);
  });

  it("takes the author from the session, never from the frame", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    a.send({
      type: "send",
      clientId: "client-0002",
      text: "hi",
      author: { id: "someone-else", name: "Eve" },
    });
    const msg = await a.next("message");
    expect(msg.message.author).toMatchObject({ id: ana.me.id, name: "Ana" });
  });

  it("stores messages in SQLite so they survive the object being evicted", async () => {
    const ana = await guest();
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    for (let i = 0; i < 3; i++) a.send({ type: "send", clientId: `persist-${i}xx`, text: `m${i}` });
    await a.next("ack", (f) => f.clientId === "persist-2xx");

    const stub = roomStub(env, roomId);
    const rows = await runInDurableObject(stub, (_obj, state) =>
      state.storage.sql.exec<{ text: string }>("SELECT text FROM messages ORDER BY seq").toArray(),
    );
    expect(rows.map((r) => r.text)).toEqual(["m0", "m1", "m2"]);

    await evictDurableObject(stub);
    const res = await api(`/api/rooms/${roomId}/messages`);
    const page = (await res.json()) as { messages: { text: string }[] };
    expect(page.messages.map((m) => m.text)).toEqual(["m0", "m1", "m2"]);

    const again = await connect(roomId, ana.cookie);
    const welcome = await again.next("welcome");
    expect(welcome.messages.map((m) => m.text)).toEqual(["m0", "m1", "m2"]);
  });

  it("keeps every acknowledged message through an eviction, and its sockets keep working", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const b = await connect(roomId, ben.cookie);
    for (let i = 0; i < 10; i++) a.send({ type: "send", clientId: `evict-${i}xxx`, text: `e${i}` });
    await a.next("ack", (f) => f.clientId === "evict-9xxx");
    const acked = a.of("ack").map((f) => f.seq);

    await evictDurableObject(roomStub(env, roomId));
    const res = await api(`/api/rooms/${roomId}/messages`);
    const page = (await res.json()) as { messages: { seq: number; text: string }[] };
    expect(page.messages.map((m) => m.seq)).toEqual(acked);
    expect(page.messages.map((m) => m.text)).toEqual(acked.map((_, i) => `e${i}`));

    // The sockets outlived the object: identity from the attachment, seqs continue.
    b.send({ type: "send", clientId: "after-evict", text: "still here" });
    const msg = await a.next("message", (m) => m.message.clientId === "after-evict");
    expect(msg.seq).toBe(11);
    expect(msg.message.author).toMatchObject({ id: ben.me.id, name: "Ben" });
  });

  it("stores a resend with the same clientId once and acks it with the same seq", async () => {
    const ana = await guest();
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    a.send({ type: "send", clientId: "same-client-id", text: "once" });
    const first = await a.next("ack");
    a.send({ type: "send", clientId: "same-client-id", text: "once" });
    await a.next("ack", (f) => f !== first);
    const acks = a.of("ack");
    expect(acks.map((x) => x.seq)).toEqual([first.seq, first.seq]);
    expect(a.of("message")).toHaveLength(1);
  });

  it("answers bad frames with error frames and keeps the socket open", async () => {
    const ana = await guest();
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    a.send("not json");
    expect((await a.next("error")).code).toBe("bad_request");
    a.send({ type: "nope" });
    expect((await a.next("error", (e) => e.code === "unknown_type")).message).toMatch(/nope/);
    a.send({ type: "send", clientId: "big-frame-1", text: "x".repeat(LIMITS.maxFrameBytes + 1) });
    expect((await a.next("error", (e) => e.code === "too_large")).code).toBe("too_large");
    a.ws.send(new Uint8Array([1, 2, 3]));
    await a.next("error", (e) => e.code === "binary_unsupported");
    a.send({ type: "send", clientId: "bad-text-1", text: "" });
    expect((await a.next("error", (e) => e.ref === "bad-text-1")).code).toBe("bad_request");

    a.send({ type: "send", clientId: "still-works", text: "fine" });
    await a.next("ack", (f) => f.clientId === "still-works");
    expect(a.closed).toBeNull();
  });

  it("replays exactly the missed events to a client that reconnects with its last seq", async () => {
    const ana = await guest();
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    for (let i = 0; i < 5; i++) a.send({ type: "send", clientId: `catchup-${i}x`, text: `m${i}` });
    const seen = await a.next("ack", (f) => f.clientId === "catchup-1x");
    await a.next("ack", (f) => f.clientId === "catchup-4x");

    const b = await connect(roomId, ana.cookie, { since: seen.seq });
    const welcome = await b.next("welcome");
    expect(welcome.mode).toBe("catchup");
    await b.next("message", (m) => m.seq === welcome.lastSeq);
    expect(b.of("message").map((m) => m.message.text)).toEqual(["m2", "m3", "m4"]);
  });

  it("refuses sockets without a session and rooms that do not exist", async () => {
    const ana = await guest();
    const noSession = await api("/api/rooms/abcdefgh/ws", { headers: { Upgrade: "websocket" } });
    expect(noSession.status).toBe(401);
    const missing = await api("/api/rooms/doesnotexist/ws", {
      headers: { Upgrade: "websocket", cookie: ana.cookie },
    });
    expect(missing.status).toBe(404);
  });
});
