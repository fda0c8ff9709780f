import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LIMITS, type MessagesBody } from "../../protocol";
import { roomStub } from "../stubs";
import { api, connect, createRoom, guest, type TestSocket } from "./helpers";

async function say(socket: TestSocket, clientId: string, text: string, replyTo?: number) {
  socket.send({ type: "send", clientId, text, replyTo });
  return (await socket.next("ack", (a) => a.clientId === clientId)).seq;
}

async function pageOf(roomId: string): Promise<MessagesBody> {
  return (await (await api(`/api/rooms/${roomId}/messages`)).json()) as MessagesBody;
}

describe("edit and delete", () => {
  it("lets the author edit: an event with its own seq, the message keeps its seq", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const b = await connect(roomId, ben.cookie);
    const seq = await say(a, "edit-me-01", "helo");

    a.send({ type: "edit", seq, text: "hello" });
    const edit = await b.next("edit");
    expect(edit).toMatchObject({ target: seq, text: "hello", seq: seq + 1 });
    expect(edit.editedAt).toBeGreaterThan(0);

    const page = await pageOf(roomId);
    expect(page.messages).toHaveLength(1);
    expect(page.messages[0]).toMatchObject({ seq, text: "hello", editedAt: edit.editedAt });
  });

  it("refuses edits and deletes by anyone but the author, and changes nothing", async () => {
    const ana = await guest("Ana");
    const eve = await guest("Eve");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const e = await connect(roomId, eve.cookie);
    const seq = await say(a, "not-yours-1", "mine");

    e.send({ type: "edit", seq, text: "hacked" });
    expect((await e.next("error")).code).toBe("forbidden");
    e.send({ type: "delete", seq });
    expect((await e.next("error", (x) => x.message.includes("delete"))).code).toBe("forbidden");
    e.send({ type: "edit", seq: 999, text: "ghost" });
    expect((await e.next("error", (x) => x.code === "not_found")).message).toMatch(/999/);

    // The author's next send is the next seq: the refused frames created no events.
    expect(await say(a, "not-yours-2", "still mine")).toBe(seq + 1);
    expect(a.of("edit")).toHaveLength(0);
    expect(a.of("delete")).toHaveLength(0);
    const page = await pageOf(roomId);
    expect(page.messages.map((m) => [m.text, m.deleted])).toEqual([
      ["mine", false],
      ["still mine", false],
    ]);
  });

  it("deletes keep the seq, drop text and reactions, and scrub stored edit text", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const seq = await say(a, "to-delete-1", "secret one");
    const after = await say(a, "to-delete-2", "after");
    a.send({ type: "edit", seq, text: "secret two" });
    a.send({ type: "react", seq, emoji: "👍" });
    await a.next("reaction");
    a.send({ type: "delete", seq });
    const del = await a.next("delete");
    expect(del).toMatchObject({ target: seq, by: ana.me.id });

    const page = await pageOf(roomId);
    expect(page.messages.map((m) => m.seq)).toEqual([seq, after]);
    expect(page.messages[0]).toMatchObject({ deleted: true, text: "", reactions: [] });

    const stored = await runInDurableObject(roomStub(env, roomId), (_o, state) =>
      state.storage.sql
        .exec<{ body: string }>("SELECT body FROM events UNION ALL SELECT text FROM messages")
        .toArray()
        .map((r) => r.body)
        .join("\n"),
    );
    expect(stored).not.toMatch(/secret/);

    a.send({ type: "edit", seq, text: "revive" });
    expect((await a.next("error", (x) => x.code === "not_found")).message).toMatch(/edit/);
  });
});

describe("reactions and replies", () => {
  it("toggles a reaction on and off, per user, and shows it in history", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const b = await connect(roomId, ben.cookie);
    const seq = await say(a, "react-to-1", "react to me");

    a.send({ type: "react", seq, emoji: "🎉" });
    b.send({ type: "react", seq, emoji: "🎉" });
    await a.next("reaction", (r) => r.userId === ben.me.id);
    let page = await pageOf(roomId);
    expect(page.messages[0]?.reactions).toEqual([{ emoji: "🎉", users: [ana.me.id, ben.me.id] }]);

    a.send({ type: "react", seq, emoji: "🎉" });
    const off = await b.next("reaction", (r) => r.userId === ana.me.id && !r.on);
    expect(off).toMatchObject({ target: seq, emoji: "🎉", on: false });
    page = await pageOf(roomId);
    expect(page.messages[0]?.reactions).toEqual([{ emoji: "🎉", users: [ben.me.id] }]);

    a.send({ type: "react", seq, emoji: "abc" });
    expect((await a.next("error")).code).toBe("bad_request");
  });

  it("bounds the distinct emoji on one message", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const seq = await say(a, "many-emoji", "so many");
    const emoji = [..."😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙😚🙂🤗🤩"];
    expect(emoji.length).toBeGreaterThan(LIMITS.maxReactionsPerMessage);
    await runInDurableObject(roomStub(env, roomId), (_o, state) => {
      for (const e of emoji.slice(0, LIMITS.maxReactionsPerMessage))
        state.storage.sql.exec(
          "INSERT INTO reactions (seq, emoji, user_id, created_at) VALUES (?, ?, ?, 0)",
          seq,
          e,
          ana.me.id,
        );
    });
    const b = await connect(roomId, ben.cookie);
    b.send({ type: "react", seq, emoji: emoji[LIMITS.maxReactionsPerMessage] });
    expect((await b.next("error")).code).toBe("too_large");
    // An emoji already on the message can still be added by someone else.
    b.send({ type: "react", seq, emoji: emoji[0] });
    expect(await b.next("reaction")).toMatchObject({ userId: ben.me.id, on: true });
  });

  it("accepts replies to an existing seq and refuses replies to a missing one", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const seq = await say(a, "original-1", "question?");
    const reply = await say(a, "reply-0001", "answer", seq);
    expect((await a.next("message", (m) => m.seq === reply)).message.replyTo).toBe(seq);

    a.send({ type: "send", clientId: "reply-0002", text: "to nothing", replyTo: 4242 });
    const err = await a.next("error", (x) => x.ref === "reply-0002");
    expect(err.code).toBe("not_found");
    expect((await pageOf(roomId)).messages).toHaveLength(2);
  });
});

describe("topic", () => {
  it("lets the owner set the topic as an event and refuses everyone else", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const b = await connect(roomId, ben.cookie);

    b.send({ type: "topic", topic: "ben was here" });
    expect((await b.next("error")).code).toBe("forbidden");
    a.send({ type: "topic", topic: "Release planning" });
    const event = await b.next("topic");
    expect(event).toMatchObject({ topic: "Release planning", by: ana.me.id, seq: 1 });

    const room = (await (await api(`/api/rooms/${roomId}`)).json()) as {
      room: { topic: string };
      lastSeq: number;
    };
    expect(room.room.topic).toBe("Release planning");
    expect(room.lastSeq).toBe(1);
    const late = await connect(roomId, ben.cookie);
    expect((await late.next("welcome")).room.topic).toBe("Release planning");
  });
});

describe("catch-up with every kind of event", () => {
  it("replays exactly the events after since, in seq order, without gaps", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const first = await say(a, "mixed-0001", "one");
    a.ws.close(1000, "bye");

    const w = await connect(roomId, ana.cookie);
    const second = await say(w, "mixed-0002", "two");
    w.send({ type: "edit", seq: first, text: "one!" });
    w.send({ type: "react", seq: second, emoji: "👍" });
    w.send({ type: "delete", seq: second });
    w.send({ type: "topic", topic: "new topic" });
    await w.next("topic");

    const back = await connect(roomId, ana.cookie, { since: first });
    const welcome = await back.next("welcome");
    expect(welcome.mode).toBe("catchup");
    await back.next("topic");
    const replayed = back.frames.filter((f) => f.type !== "welcome");
    expect(replayed.map((f) => f.type)).toEqual(["message", "edit", "reaction", "delete", "topic"]);
    expect(replayed.map((f) => ("seq" in f ? f.seq : -1))).toEqual([
      first + 1,
      first + 2,
      first + 3,
      first + 4,
      first + 5,
    ]);
    expect(welcome.lastSeq).toBe(first + 5);
  });
});
