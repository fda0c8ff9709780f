/** "just now", "5 min ago", "3 h ago", then the clock time or date. */
export function relativeTime(at: number, now = Date.now()): string {
  const s = Math.round((now - at) / 1000);
  if (s < 45) return "just now";
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 6) return `${h} h ago`;
  const d = new Date(at);
  if (dayKey(at) === dayKey(now)) return clock(at);
  return `${d.toLocaleDateString([], { month: "short", day: "numeric" })}, ${clock(at)}`;
}

export function clock(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

export function exactTime(at: number): string {
  return new Date(at).toLocaleString([], { dateStyle: "full", timeStyle: "medium" });
}

/** Local calendar day, for grouping. */
export function dayKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

export function dayLabel(at: number, now = Date.now()): string {
  if (dayKey(at) === dayKey(now)) return "Today";
  if (dayKey(at) === dayKey(now - 86_400_000)) return "Yesterday";
  return new Date(at).toLocaleDateString([], {
    weekday: "long",
    month: "long",
    day: "numeric",
    year: new Date(at).getFullYear() === new Date(now).getFullYear() ? undefined : "numeric",
  });
}

/** "Seen 5 min ago" style for presence. */
export function lastSeenLabel(at: number, now = Date.now()): string {
  const r = relativeTime(at, now);
  return r === "just now" ? "active just now" : `active ${r}`;
}
