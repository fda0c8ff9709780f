import { createContext, type ReactNode, use, useCallback, useEffect, useState } from "react";
import type { Me } from "../../../protocol";
import { api } from "./api";

type Session = {
  /** undefined while loading, null when signed out. */
  me: Me | null | undefined;
  setMe: (me: Me | null) => void;
  refresh: () => Promise<void>;
  logout: (everywhere?: boolean) => Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    try {
      setMe((await api.me()).user);
    } catch {
      setMe(null);
    }
  }, []);
  const logout = useCallback(async (everywhere = false) => {
    await api.logout(everywhere);
    setMe(null);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return <SessionContext value={{ me, setMe, refresh, logout }}>{children}</SessionContext>;
}

export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

/** Where to go after signing in: a same-site path from ?next=, or the lobby. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get("next");
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}
