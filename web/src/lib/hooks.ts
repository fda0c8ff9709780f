import { useEffect, useState, useSyncExternalStore } from "react";

/** The current time, refreshed every `ms` so relative times stay true. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

function subscribeVisibility(cb: () => void) {
  document.addEventListener("visibilitychange", cb);
  window.addEventListener("focus", cb);
  window.addEventListener("blur", cb);
  return () => {
    document.removeEventListener("visibilitychange", cb);
    window.removeEventListener("focus", cb);
    window.removeEventListener("blur", cb);
  };
}

/** Whether the page is visible (tab shown). */
export function usePageVisible(): boolean {
  return useSyncExternalStore(subscribeVisibility, () => document.visibilityState === "visible");
}

/** Sets the tab title while mounted. */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = title;
  }, [title]);
}

// One shared minute clock for every relative time on the page, so a tick re-renders only the
// time labels, not the posts around them.
let clockNow = Date.now();
const clockListeners = new Set<() => void>();
let clockTimer: ReturnType<typeof setInterval> | undefined;
function subscribeClock(cb: () => void) {
  clockListeners.add(cb);
  clockTimer ??= setInterval(() => {
    clockNow = Date.now();
    for (const l of clockListeners) l();
  }, 30_000);
  return () => {
    clockListeners.delete(cb);
    if (clockListeners.size === 0) {
      clearInterval(clockTimer);
      clockTimer = undefined;
    }
  };
}

/** The shared clock: the time, refreshed every 30 s. */
export function useClock(): number {
  return useSyncExternalStore(subscribeClock, () => clockNow);
}
