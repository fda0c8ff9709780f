import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { lobbyStub, roomListStub, roomStub, userStub } from "../stubs";

/**
 * Counts what Cloudflare bills a Durable Object application for, across every object in the
 * test's isolate (the Worker and all objects share it under the vitest plugin): calls on
 * Durable Object stubs (each RPC call or fetch is one billed request), alarm invocations, and
 * SQLite rows read and written (`cursor.rowsRead/rowsWritten` of every `sql.exec`, plus one row
 * per synchronous KV put/delete and per setAlarm/deleteAlarm, as the pricing page counts them).
 * It patches the runtime's prototypes once, so objects created later are counted too.
 */
export type Counts = {
  /** RPC calls and fetches on Durable Object stubs, by method name. */
  calls: Record<string, number>;
  /** alarm() invocations, by class. */
  alarms: Record<string, number>;
  rowsWritten: number;
  rowsRead: number;
};

const cursors: SqlStorageCursor<Record<string, SqlStorageValue>>[] = [];
const state = { calls: {} as Record<string, number>, alarms: {} as Record<string, number>, kv: 0 };
let installed = false;
/** Undoes each patch, so nothing leaks past this file's tests. */
const restores: (() => void)[] = [];

/** Sets `obj[name]` to `wrap(original)`, remembering how to put it back. */
function patch(obj: object, name: string, wrap: (original: Fn) => Fn) {
  const target = obj as Record<string, unknown>;
  const original = target[name] as Fn;
  target[name] = wrap(original);
  restores.push(() => {
    target[name] = original;
  });
}

export function uninstallMeter(): void {
  for (const restore of restores.splice(0).reverse()) restore();
  installed = false;
}
/** The runtime's stub behind each counting proxy (runInDurableObject needs the real one). */
const unwrapped = new WeakMap<object, DurableObjectStub>();

/** The real stub behind a counting one, for `runInDurableObject`. */
export function raw<T extends DurableObjectStub>(stub: T): T {
  return (unwrapped.get(stub) as T | undefined) ?? stub;
}

/** What the meter has seen since the last `reset()`. */
export function counts(): Counts {
  let rowsWritten = state.kv;
  let rowsRead = 0;
  for (const c of cursors) {
    rowsWritten += c.rowsWritten;
    rowsRead += c.rowsRead;
  }
  return { calls: { ...state.calls }, alarms: { ...state.alarms }, rowsWritten, rowsRead };
}

export function reset(): void {
  cursors.length = 0;
  state.calls = {};
  state.alarms = {};
  state.kv = 0;
}

/** Total Durable Object requests: stub calls plus alarm invocations. */
export function requests(c: Counts): number {
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  return sum(c.calls) + sum(c.alarms);
}

const bump = (r: Record<string, number>, key: string) => {
  r[key] = (r[key] ?? 0) + 1;
};

type Fn = (...args: unknown[]) => unknown;

/** Patches the runtime's prototypes (once per isolate); `uninstallMeter` puts them back. */
export async function installMeter(): Promise<void> {
  if (installed) return;
  installed = true;
  // Stubs: every namespace hands out stubs through get(); count each method call on them.
  patch(
    Object.getPrototypeOf(env.ROOMS),
    "get",
    (get) =>
      function (this: DurableObjectNamespace, ...args: unknown[]) {
        const stub = get.apply(this, args) as DurableObjectStub;
        const counted = new Proxy(stub, {
          get(target, prop, receiver) {
            const value = Reflect.get(target, prop, receiver);
            if (typeof prop !== "string" || prop === "then" || typeof value !== "function")
              return value;
            return (...a: unknown[]) => {
              bump(state.calls, prop);
              // Called as a method of the stub: a stub's members answer any name, even "apply".
              return (target as unknown as Record<string, Fn>)[prop]?.(...a);
            };
          },
        });
        unwrapped.set(counted, stub);
        return counted;
      },
  );

  // Storage, reached through any object (every class shares the runtime's prototypes).
  const probe = await createProbeRoom();
  await runInDurableObject(raw(probe), (instance, s) => {
    patch(
      Object.getPrototypeOf(s.storage.sql),
      "exec",
      (exec) =>
        function (this: SqlStorage, ...args: unknown[]) {
          const cursor = exec.apply(this, args) as SqlStorageCursor<
            Record<string, SqlStorageValue>
          >;
          cursors.push(cursor);
          return cursor;
        },
    );
    // One row per synchronous KV write, and per setAlarm() (the pricing page bills it so).
    const kvProto = Object.getPrototypeOf(s.storage.kv);
    const storageProto = Object.getPrototypeOf(s.storage);
    for (const [proto, name] of [
      [kvProto, "put"],
      [kvProto, "delete"],
      [storageProto, "setAlarm"],
      [storageProto, "deleteAlarm"],
    ] as const) {
      patch(
        proto,
        name,
        (original) =>
          function (this: unknown, ...a: unknown[]) {
            state.kv += 1;
            return original.apply(this, a);
          },
      );
    }
    countAlarms(instance, "Room");
  });
  await runInDurableObject(raw(lobbyStub(env)), (instance) => countAlarms(instance, "Lobby"));
  await runInDurableObject(raw(roomListStub(env, "cost-meter-probe")), (instance) =>
    countAlarms(instance, "RoomList"),
  );
  await runInDurableObject(raw(userStub(env, "cost-meter-probe")), (instance) =>
    countAlarms(instance, "User"),
  );
  reset();
}

/** Counts alarm() of every instance of `instance`'s class (they share its prototype). */
function countAlarms(instance: object, name: string) {
  patch(
    Object.getPrototypeOf(instance),
    "alarm",
    (alarm) =>
      function (this: unknown) {
        bump(state.alarms, name);
        return alarm.call(this);
      },
  );
}

async function createProbeRoom() {
  const stub = roomStub(env, "cost-meter-probe");
  await stub.create("cost-meter-probe", { name: "Probe" }, "nobody");
  return stub;
}
