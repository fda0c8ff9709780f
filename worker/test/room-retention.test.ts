import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import type { MessagesBody } from "../../protocol";
import { roomStub } from "../stubs";
import { api, connect, createRoom, guest } from "./helpers";

// Runs with ROOM_RETENTION_MESSAGES=20 (see vitest.config.ts).
const CAP = 20;

it("prunes beyond the retention cap in an alarm, keeping seqs and catch-up consistent", async () => {
  const users = await Promise.all(["Ana", "Ben", "Cy"].map((name) => guest(name)));
  const roomId = await createRoom(users[0]?.cookie ?? "");
  const sockets = await Promise.all(users.map((u) => connect(roomId, u.cookie)));
  // 30 messages, 10 per user: within the default per-user limits.
  for (let round = 0; round < 10; round++) {
    for (const [i, socket] of sockets.entries()) {
      const clientId = `keep-${i}-${String(round).padStart(3, "0")}`;
      socket.send({ type: "send", clientId, text: `needle ${i}.${round}` });
      await socket.next("ack", (a) => a.clientId === clientId);
    }
  }
  const stub = roomStub(env, roomId);
  const stored = () =>
    runInDurableObject(stub, (_o, state) => {
      const sql = state.storage.sql;
      return {
        seqs: sql
          .exec<{ seq: number }>("SELECT seq FROM messages ORDER BY seq")
          .toArray()
          .map((r) => r.seq),
        prunedThrough: sql.exec<{ p: number }>("SELECT pruned_through AS p FROM room").one().p,
        pending: sql.exec("SELECT 1 FROM alarm_jobs WHERE name = 'prune'").toArray().length,
      };
    });
  // The prune job runs on its own alarm; make sure it has.
  for (let i = 0; i < 20 && (await stored()).pending; i++) await runDurableObjectAlarm(stub);
  const after = await stored();
  // At most one message of slack over the cap (a pass runs once the room is a message past it).
  expect(after.seqs.length).toBeGreaterThanOrEqual(CAP);
  expect(after.seqs.length).toBeLessThanOrEqual(CAP + 1);
  const oldest = after.seqs[0] ?? 0;
  expect(after.seqs).toEqual(Array.from({ length: 31 - oldest }, (_, i) => oldest + i));
  expect(after.prunedThrough).toBe(oldest - 1);

  // History ends at the retained window; search no longer finds pruned messages.
  const page = (await (
    await api(`/api/rooms/${roomId}/messages?limit=100`)
  ).json()) as MessagesBody;
  expect(page).toMatchObject({ hasMore: false });
  expect(page.messages[0]?.seq).toBe(oldest);
  const hits = (await (
    await api(`/api/rooms/${roomId}/search?q=needle&limit=100`)
  ).json()) as MessagesBody;
  expect(hits.messages.map((m) => m.seq).sort((a, b) => a - b)).toEqual(after.seqs);

  // Seqs continue where they were, also after a restart.
  await evictDurableObject(stub);
  const ana = await connect(roomId, users[0]?.cookie ?? "");
  ana.send({ type: "send", clientId: "after-prune", text: "next" });
  expect((await ana.next("ack")).seq).toBe(31);

  // A client that last saw a pruned seq gets a snapshot; one inside the window gets a replay.
  const stale = await connect(roomId, users[1]?.cookie ?? "", { since: oldest - 2 });
  expect((await stale.next("welcome")).mode).toBe("snapshot");
  const recent = await connect(roomId, users[1]?.cookie ?? "", { since: 28 });
  const welcome = await recent.next("welcome");
  expect(welcome.mode).toBe("catchup");
  await recent.next("message", (m) => m.seq === 31);
  expect(recent.of("message").map((m) => m.seq)).toEqual([29, 30, 31]);

  // The room keeps counting right: a few more messages trigger the next pass.
  for (let i = 0; i < 3; i++) {
    ana.send({ type: "send", clientId: `more-${i}-xxxx`, text: `more ${i}` });
    await ana.next("ack", (a) => a.clientId === `more-${i}-xxxx`);
  }
  for (let i = 0; i < 20 && (await stored()).pending; i++) await runDurableObjectAlarm(stub);
  const again = await stored();
  expect(again.seqs.at(-1)).toBe(34);
  expect(again.seqs.length).toBeLessThanOrEqual(CAP + 1);
  expect(again.prunedThrough).toBe((again.seqs[0] ?? 0) - 1);
});
