/**
 * The smallest IndexedDB wrapper this app needs: one database per signed-in user
 * (`parley-cache-<userId>`) with two key-value stores, and a way to delete every such database.
 * Every call resolves (to undefined on failure): a browser without IndexedDB, or one that
 * refuses it, simply has no cache.
 */
export const DB_PREFIX = "parley-cache-";
const VERSION = 1;
export type StoreName = "rooms" | "lists";

const open = new Map<string, Promise<IDBDatabase | null>>();

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function connect(userId: string): Promise<IDBDatabase | null> {
  const name = DB_PREFIX + userId;
  let db = open.get(name);
  if (!db) {
    db = new Promise<IDBDatabase | null>((resolve) => {
      let req: IDBOpenDBRequest;
      try {
        req = indexedDB.open(name, VERSION);
      } catch {
        resolve(null);
        return;
      }
      req.onupgradeneeded = () => {
        for (const store of ["rooms", "lists"]) {
          if (!req.result.objectStoreNames.contains(store)) req.result.createObjectStore(store);
        }
      };
      req.onsuccess = () => {
        const conn = req.result;
        // Another tab deletes the cache (sign-out): let it, and open afresh next time.
        conn.onversionchange = () => {
          conn.close();
          open.delete(name);
        };
        resolve(conn);
      };
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    });
    open.set(name, db);
  }
  return db;
}

export async function get<T>(
  userId: string,
  store: StoreName,
  key: string,
): Promise<T | undefined> {
  const db = await connect(userId);
  if (!db) return undefined;
  try {
    return (await request(db.transaction(store).objectStore(store).get(key))) as T | undefined;
  } catch {
    return undefined;
  }
}

export async function put(userId: string, store: StoreName, key: string, value: unknown) {
  const db = await connect(userId);
  if (!db) return;
  try {
    await request(db.transaction(store, "readwrite").objectStore(store).put(value, key));
  } catch {
    // quota or a closing database: this copy is simply not kept
  }
}

export async function remove(userId: string, store: StoreName, key: string) {
  const db = await connect(userId);
  if (!db) return;
  try {
    await request(db.transaction(store, "readwrite").objectStore(store).delete(key));
  } catch {
    // nothing to remove
  }
}

/** Deletes the cache databases of every user but `keep` (all of them without it). */
export async function deleteCaches(keep?: string, known: string[] = []): Promise<void> {
  if (typeof indexedDB === "undefined") return;
  let names = known.map((id) => DB_PREFIX + id);
  try {
    const all = await indexedDB.databases();
    names = [...names, ...all.map((d) => d.name ?? "").filter((n) => n.startsWith(DB_PREFIX))];
  } catch {
    // databases() is missing in older browsers: the known names are all we can reach
  }
  await Promise.all(
    [...new Set(names)]
      .filter((name) => name !== (keep === undefined ? "" : DB_PREFIX + keep))
      .map(async (name) => {
        const conn = await open.get(name);
        conn?.close();
        open.delete(name);
        await request(indexedDB.deleteDatabase(name)).catch(() => undefined);
      }),
  );
}
