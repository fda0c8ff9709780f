import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from "react";
import { ConfirmDialog, type ConfirmOptions } from "../components/ConfirmDialog";

type Ask = (options: ConfirmOptions) => Promise<boolean>;

const ConfirmContext = createContext<Ask>(() => Promise.resolve(false));

/** Hosts the one confirmation dialog of the app; `useConfirm()` asks through it. */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [asking, setAsking] = useState<(ConfirmOptions & { key: number }) | null>(null);
  const resolver = useRef<((yes: boolean) => void) | null>(null);

  const ask = useCallback<Ask>((options) => {
    // A second question replaces the first, which counts as cancelled.
    resolver.current?.(false);
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
      setAsking((prev) => ({ ...options, key: (prev?.key ?? 0) + 1 }));
    });
  }, []);

  const answer = useCallback((yes: boolean) => {
    resolver.current?.(yes);
    resolver.current = null;
    setAsking(null);
  }, []);

  return (
    <ConfirmContext.Provider value={ask}>
      {children}
      {asking && <ConfirmDialog key={asking.key} options={asking} onAnswer={answer} />}
    </ConfirmContext.Provider>
  );
}

/** `await confirm({ title, body, confirm: "Leave", danger: true })`: true when the user agreed. */
export function useConfirm(): Ask {
  return useContext(ConfirmContext);
}
