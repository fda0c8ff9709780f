import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { roomStub } from "../stubs";
import { connect, createRoom, guest } from "./helpers";

it("runs one SQL statement per accepted message once the room's chores are scheduled", async () => {
  const ana = await guest("Ana");
  const ben = await guest("Ben");
  const roomId = await createRoom(ana.cookie);
  const a = await connect(roomId, ana.cookie);
  const b = await connect(roomId, ben.cookie);
  a.send({ type: "send", clientId: "warm-up-01", text: "first" }); // schedules the index job
  await a.next("ack");

  // The lobby report the first message asked for is due at once: let it run now, not mid-test;
  // the next message asks for the next one, two seconds later (after the test).
  const stub = roomStub(env, roomId);
  await runDurableObjectAlarm(stub);
  a.send({ type: "send", clientId: "warm-up-02", text: "second" });
  await a.next("ack", (x) => x.clientId === "warm-up-02");
  // Record every statement the room runs from here on (same SqlStorage object as the room's).
  await runInDurableObject(stub, (_room, state) => {
    const sql = state.storage.sql as SqlStorage & { log?: string[] };
    const exec = sql.exec.bind(sql);
    sql.log = [];
    sql.exec = ((query: string, ...bindings: unknown[]) => {
      sql.log?.push(query.trim().split(/\s+/).slice(0, 3).join(" "));
      return exec(query, ...bindings);
    }) as typeof sql.exec;
  });
  for (let i = 0; i < 5; i++) a.send({ type: "send", clientId: `hot-path-${i}`, text: `m${i}` });
  await b.next("message", (m) => m.message.clientId === "hot-path-4");
  const log = await runInDurableObject(stub, (_room, state) => {
    const sql = state.storage.sql as SqlStorage & { log?: string[] };
    return sql.log ?? [];
  });
  expect(log).toEqual(Array(5).fill("INSERT INTO messages"));
});
