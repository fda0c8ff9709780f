const ROOM_COLORS = ["#4f46e5", "#0e7490", "#15803d", "#b45309", "#be123c", "#7e22ce", "#0369a1"];

/** A stable colour for something without one of its own (a room), from its id. */
export function colorFor(key: string): string {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return ROOM_COLORS[Math.abs(h) % ROOM_COLORS.length] ?? "#4f46e5";
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0] ?? "?"];
  return letters.map((p) => Array.from(p ?? "?")[0]?.toUpperCase() ?? "").join("");
}

export function Avatar({
  name,
  color,
  size = 36,
}: {
  name: string;
  color?: string;
  size?: number;
}) {
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ background: color ?? "#6e56cf", width: size, height: size, fontSize: size * 0.4 }}
    >
      {initials(name)}
    </span>
  );
}
