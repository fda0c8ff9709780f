import type { Page } from "playwright-core";

export type CacheProbe = {
  /** Whose cache this browser says it holds (localStorage). */
  owner: string | null;
  /** Every cache database (one per user). */
  databases: string[];
  /** Rooms cached per database, with the posts' text. */
  rooms: Record<string, { roomId: string; lastSeq: number; texts: string[] }[]>;
  /** Other traces of a user: visited rooms, read positions, unsent posts. */
  traces: string[];
};

/** What this browser keeps of its users, read from inside the page. */
export function probeCache(page: Page): Promise<CacheProbe> {
  return page.evaluate(async () => {
    const databases = (await indexedDB.databases())
      .map((d) => d.name ?? "")
      .filter((n) => n.startsWith("parley-cache-"));
    const rooms: CacheProbe["rooms"] = {};
    for (const name of databases) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const all = db.objectStoreNames.contains("rooms")
        ? await new Promise<unknown[]>((resolve, reject) => {
            const req = db.transaction("rooms").objectStore("rooms").getAll();
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          })
        : [];
      db.close();
      rooms[name] = (
        all as { roomId: string; lastSeq: number; messages: { text: string }[] }[]
      ).map((r) => ({
        roomId: r.roomId,
        lastSeq: r.lastSeq,
        texts: r.messages.map((m) => m.text),
      }));
    }
    const traces = [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter(
      (k) =>
        k === "parley:recent" || k.startsWith("parley:seen:") || k.startsWith("parley:outbox:"),
    );
    return { owner: localStorage.getItem("parley:cache-owner"), databases, rooms, traces };
  });
}

/**
 * Records whether `text` is ever in the page, from the first script on (install before the
 * navigation): a flash of another user's data counts, not just what is left at the end.
 */
export async function watchForText(page: Page, text: string): Promise<() => Promise<boolean>> {
  await page.addInitScript((t) => {
    const w = window as unknown as { __seen?: boolean };
    w.__seen = false;
    new MutationObserver(() => {
      if (document.body?.textContent?.includes(t)) w.__seen = true;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  }, text);
  return () => page.evaluate(() => (window as unknown as { __seen?: boolean }).__seen === true);
}
