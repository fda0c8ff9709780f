/** Per-browser preferences kept in localStorage (theme, notifications, read positions). */
export type Theme = "system" | "light" | "dark";

const THEME_KEY = "parley:theme";
const NOTIFY_KEY = "parley:notify";

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage disabled: fall back to defaults
  }
}

function write(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage disabled or full: the preference lasts for this page only
  }
}

export function getTheme(): Theme {
  const t = read(THEME_KEY);
  return t === "light" || t === "dark" ? t : "system";
}

export function setTheme(theme: Theme) {
  write(THEME_KEY, theme);
  applyTheme(theme);
}

/** "system" leaves the choice to prefers-color-scheme in the stylesheet. */
export function applyTheme(theme: Theme = getTheme()) {
  const root = document.documentElement;
  if (theme === "system") delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export function notificationsWanted(): boolean {
  return read(NOTIFY_KEY) === "on";
}

export function setNotificationsWanted(on: boolean) {
  write(NOTIFY_KEY, on ? "on" : "off");
}

const SEEN_PREFIX = "parley:seen:";

/** The last seq this browser saw in a room: where the "new" divider goes next time. */
export function lastSeenSeq(roomId: string): number | null {
  const v = read(`${SEEN_PREFIX}${roomId}`);
  return v && /^\d+$/.test(v) ? Number(v) : null;
}

export function setLastSeenSeq(roomId: string, seq: number) {
  write(`${SEEN_PREFIX}${roomId}`, String(seq));
}

export type RecentRoom = { id: string; name: string; at: number; path?: string };
const RECENT_KEY = "parley:recent";

/** Rooms this browser opened lately, newest first (the lobby's fallback "your rooms"). */
export function recentRooms(): RecentRoom[] {
  try {
    const list = JSON.parse(read(RECENT_KEY) ?? "[]") as RecentRoom[];
    return Array.isArray(list) ? list.filter((r) => typeof r?.id === "string").slice(0, 8) : [];
  } catch {
    return [];
  }
}

export function rememberRoom(id: string, name: string, path: string) {
  const rest = recentRooms().filter((r) => r.id !== id);
  write(RECENT_KEY, JSON.stringify([{ id, name, path, at: Date.now() }, ...rest].slice(0, 8)));
}

/** Forgets which rooms this browser visited and how far it read (a sign-out, a new user). */
export function forgetVisitedRooms() {
  try {
    for (const key of Object.keys(localStorage)) {
      if (key === RECENT_KEY || key.startsWith(SEEN_PREFIX)) localStorage.removeItem(key);
    }
  } catch {
    // storage disabled: nothing was kept
  }
}
