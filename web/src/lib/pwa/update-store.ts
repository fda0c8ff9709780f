import { useSyncExternalStore } from "react";

/**
 * Whether a new build is installed and waiting, and how to switch to it. Filled by
 * `register.ts` (loaded after the first paint); read by the update prompt.
 */
let apply: (() => void) | null = null;
const listeners = new Set<() => void>();

export function offerUpdate(switchNow: () => void): void {
  apply = switchNow;
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The switch to the waiting build, or null when there is none. */
export function useWaitingUpdate(): (() => void) | null {
  return useSyncExternalStore(subscribe, () => apply);
}
