import { describe, expect, it } from "vitest";
import type { MessagesBody } from "../../protocol";
import { toMatchExpression } from "../room/search";
import { api, connect, createRoom, guest, type TestSocket } from "./helpers";

async function say(socket: TestSocket, clientId: string, text: string) {
  socket.send({ type: "send", clientId, text });
  return (await socket.next("ack", (a) => a.clientId === clientId)).seq;
}

async function searchHttp(roomId: string, qs: string) {
  const res = await api(`/api/rooms/${roomId}/search?${qs}`);
  return { status: res.status, body: (await res.json()) as MessagesBody };
}

describe("search", () => {
  it("finds messages by words and prefixes, newest first, over HTTP and the socket", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const s1 = await say(a, "search-001", "Deploy the worker on Friday");
    await say(a, "search-002", "lunch anyone?");
    const s3 = await say(a, "search-003", "The deployment went fine");
    const s4 = await say(a, "search-004", "Café crème for everyone");

    const http = await searchHttp(roomId, "q=deploy");
    expect(http.status).toBe(200);
    expect(http.body.messages.map((m) => m.seq)).toEqual([s3, s1]);

    a.send({ type: "search", id: "q1", q: "DEPLOY worker" });
    const results = await a.next("search", (r) => r.id === "q1");
    expect(results.messages.map((m) => m.text)).toEqual(["Deploy the worker on Friday"]);

    // Accents fold both ways; operators in the input are plain text.
    expect((await searchHttp(roomId, "q=cafe")).body.messages.map((m) => m.seq)).toEqual([s4]);
    a.send({ type: "search", id: "q2", q: '"NEAR( OR * -' });
    expect((await a.next("search", (r) => r.id === "q2")).messages).toEqual([]);
  });

  it("pages with before and limit", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const seqs: number[] = [];
    for (let i = 0; i < 5; i++) seqs.push(await say(a, `paging-00${i}`, `needle number ${i}`));

    const first = await searchHttp(roomId, "q=needle&limit=2");
    expect(first.body.messages.map((m) => m.seq)).toEqual([seqs[4], seqs[3]]);
    expect(first.body.hasMore).toBe(true);
    const second = await searchHttp(roomId, `q=needle&limit=2&before=${seqs[3]}`);
    expect(second.body.messages.map((m) => m.seq)).toEqual([seqs[2], seqs[1]]);
    const last = await searchHttp(roomId, `q=needle&limit=2&before=${seqs[1]}`);
    expect(last.body).toMatchObject({ hasMore: false });
    expect(last.body.messages.map((m) => m.seq)).toEqual([seqs[0]]);
  });

  it("follows edits and deletes, before and after the index caught up", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const indexed = await say(a, "follow-001", "apple pie");
    const deleted = await say(a, "follow-002", "apple tart");
    await searchHttp(roomId, "q=apple"); // a search indexes everything so far
    const fresh = await say(a, "follow-003", "apple crumble");

    a.send({ type: "edit", seq: indexed, text: "banana bread" });
    a.send({ type: "edit", seq: fresh, text: "banana split" }); // not indexed yet
    a.send({ type: "delete", seq: deleted });
    await a.next("delete");

    expect((await searchHttp(roomId, "q=apple")).body.messages).toEqual([]);
    const bananas = await searchHttp(roomId, "q=banana");
    expect(bananas.body.messages.map((m) => m.seq)).toEqual([fresh, indexed]);
    expect((await searchHttp(roomId, "q=tart")).body.messages).toEqual([]);
  });

  it("validates the query and the room", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    expect((await api(`/api/rooms/${roomId}/search?q=`)).status).toBe(400);
    expect((await api(`/api/rooms/${roomId}/search?q=${"x".repeat(201)}`)).status).toBe(400);
    expect((await api("/api/rooms/nosuchroom1/search?q=hi")).status).toBe(404);
    const a = await connect(roomId, ana.cookie);
    a.send({ type: "search", id: "bad", q: "" });
    expect(await a.next("error")).toMatchObject({ code: "bad_request", ref: "bad" });
  });

  it("turns free text into quoted prefix terms", () => {
    expect(toMatchExpression('hello "world" NEAR(x')).toBe('"hello"* "world"* "NEAR"* "x"*');
    expect(toMatchExpression("  -- ** ")).toBeNull();
  });
});
