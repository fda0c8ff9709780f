import { runInDurableObject } from "cloudflare:test";

/** Tables (other than the runtime's own) and keys left in an object. */
export function storageLeft(stub: DurableObjectStub) {
  return runInDurableObject(stub, (_obj, state) => ({
    tables: state.storage.sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'",
      )
      .toArray()
      .map((r) => r.name),
    keys: [...state.storage.kv.list()].length,
  }));
}
