import { offerUpdate } from "./update-store";

/** How often an open tab asks whether a new build was deployed. */
const CHECK_EVERY_MS = 60 * 60 * 1000;
/** At most this often when the tab comes back into view. */
const CHECK_ON_SHOW_MS = 60 * 1000;

/**
 * Registers `/sw.js` (production builds only) and offers the update when a new build's worker
 * is installed and waiting: it takes over only when the user says so, and the page reloads
 * into it then. Loaded after the first paint; nothing on the page waits for it.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!("serviceWorker" in navigator)) return;
  const container = navigator.serviceWorker;
  let reloading = false;
  let reg: ServiceWorkerRegistration;
  try {
    reg = await container.register("/sw.js", { scope: "/" });
  } catch {
    return; // private mode, or storage refused: the app works without it
  }
  const offer = (worker: ServiceWorker) =>
    offerUpdate(() => {
      reloading = true;
      worker.postMessage({ type: "skip-waiting" });
    });
  // A worker waiting behind an active one is a new build (the first install never waits).
  const track = (worker: ServiceWorker) => {
    const check = () => {
      if (worker.state === "installed" && reg.active) offer(worker);
    };
    check();
    worker.addEventListener("statechange", check);
  };
  if (reg.waiting) track(reg.waiting);
  if (reg.installing) track(reg.installing);
  reg.addEventListener("updatefound", () => {
    if (reg.installing) track(reg.installing);
  });
  // Only the switch the user asked for reloads (the first install's claim changes the
  // controller too, and must not).
  container.addEventListener("controllerchange", () => {
    if (reloading) location.reload();
  });

  let lastCheck = Date.now();
  const check = () => {
    lastCheck = Date.now();
    reg.update().catch(() => undefined); // offline: try again later
  };
  setInterval(check, CHECK_EVERY_MS);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && Date.now() - lastCheck > CHECK_ON_SHOW_MS)
      check();
  });
}
