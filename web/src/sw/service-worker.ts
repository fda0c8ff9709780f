// The service worker: precaches the hashed app shell of one build and serves it, online or not.
// It is built as `/sw.js` by web/vite/service-worker-plugin.ts, which puts the build's file list
// in front of this code as `self.__PARLEY_PRECACHE__`. It never touches `/api/*` (the API and
// the room sockets always go to the network, and nothing from them lands in a cache) and never
// caches anything at run time: what it serves is exactly one build.

/** The parts of the service worker scope used here (the DOM lib has no ServiceWorker types). */
type ExtendableEvent = Event & { waitUntil(p: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & {
  readonly request: Request;
  respondWith(r: Response | Promise<Response>): void;
};
type MessageEvent = ExtendableEvent & { readonly data: unknown };
type Scope = {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: "install" | "activate", f: (e: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", f: (e: FetchEvent) => void): void;
  addEventListener(type: "message", f: (e: MessageEvent) => void): void;
  __PARLEY_PRECACHE__?: Precache;
};
/** What the build wrote: a version (a hash of every precached file) and the files' paths. */
export type Precache = { version: string; files: string[] };

const sw = self as unknown as Scope;
const PREFIX = "parley-shell-";
const precache: Precache = sw.__PARLEY_PRECACHE__ ?? { version: "dev", files: [] };
const CACHE = `${PREFIX}${precache.version}`;
/** The SPA's HTML: every navigation gets it (the router reads the URL). */
const SHELL = "/";
const files = new Set(precache.files);

sw.addEventListener("install", (e) => {
  // `reload`: straight from the server, so the shell matches the assets it names.
  e.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        cache.addAll(precache.files.map((f) => new Request(f, { cache: "reload" }))),
      ),
  );
});

sw.addEventListener("activate", (e) => {
  e.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      // The first install takes over the page that registered it (no reload needed); an update
      // only activates when the page asks for it (the "update available" prompt).
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener("message", (e) => {
  if ((e.data as { type?: unknown } | null)?.type === "skip-waiting") void sw.skipWaiting();
});

sw.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== sw.location.origin || url.pathname.startsWith("/api/")) return;
  const key = files.has(url.pathname) ? url.pathname : req.mode === "navigate" ? SHELL : null;
  if (key === null) return; // not part of this build: the network, untouched
  e.respondWith(fromCache(key, req));
});

/** This build's copy, or the network when the cache lost it (storage pressure). */
async function fromCache(key: string, req: Request): Promise<Response> {
  const hit = await caches.match(key, { cacheName: CACHE });
  if (!hit) return fetch(req);
  // A navigation must not be answered with a redirected response; a fresh one never is.
  return hit.redirected ? new Response(hit.body, hit) : hit;
}
