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
