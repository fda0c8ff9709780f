import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessagesBody } from "../../protocol";
import { FRAME_CASES } from "./corpus/frames";
import { api, connect, createRoom, guest, type TestSocket } from "./helpers";
import { watchLogs } from "./log-watch";

let roomId = "";
let owner: TestSocket;
let mallory: { cookie: string; me: { id: string } };
const seqs = { seq: 0, mine: 0, gone: 0 };
const logs = watchLogs();

async function say(socket: TestSocket, clientId: string, text: string): Promise<number> {
  socket.send({ type: "send", clientId, text });
  return (await socket.next("ack", (a) => a.clientId === clientId)).seq;
}

beforeAll(async () => {
  const olga = await guest("Olga");
  mallory = await guest("Mallory");
  roomId = await createRoom(olga.cookie, "Corpus");
  owner = await connect(roomId, olga.cookie);
  seqs.seq = await say(owner, "owners-message", "by the owner");
  seqs.gone = await say(owner, "deleted-message", "soon gone");
  owner.send({ type: "delete", seq: seqs.gone });
  await owner.next("delete", (d) => d.target === seqs.gone);
  const m = await connect(roomId, mallory.cookie);
  seqs.mine = await say(m, "mallorys-message", "by Mallory");
  m.ws.close(1000);
});

afterAll(() => logs.stop());

describe("the socket bad-input corpus", () => {
  for (const c of FRAME_CASES) {
    it(`${c.name}: ${c.code || "accepted"}`, async () => {
      const socket = await connect(roomId, mallory.cookie);
      const frame =
        typeof c.frame === "string"
          ? c.frame.replace(/\{(seq|mine|gone)\}/g, (_, k: keyof typeof seqs) => String(seqs[k]))
          : c.frame;
      socket.ws.send(frame);
      // Frames are handled in order: once the marker is answered, so is the case.
      socket.send('{"type": "ping"}');
      await socket.next("pong");
      const errors = socket.of("error");
      if (c.code) expect(errors.map((e) => e.code)).toEqual([c.code]);
      else expect(errors).toEqual([]);
      expect(socket.closed).toBeNull();
      socket.ws.close(1000);
    });
  }

  it("stored nothing it refused, trusted no client-sent author, and the room still serves", async () => {
    const page = (await (await api(`/api/rooms/${roomId}/messages`)).json()) as MessagesBody;
    const byText = new Map(page.messages.map((m) => [m.text, m]));
    expect(byText.get("by the owner")?.text).toBe("by the owner");
    expect(page.messages.every((m) => m.text !== "pwned" && m.text !== "back")).toBe(true);
    for (const m of page.messages)
      if (m.clientId === "corpus-0003") expect(m.author.id).toBe(mallory.me.id);
    owner.send({ type: "send", clientId: "after-corpus", text: "still works" });
    await owner.next("ack", (a) => a.clientId === "after-corpus");
    expect(owner.closed).toBeNull();
    expect(logs.errors()).toEqual([]);
  });
});
