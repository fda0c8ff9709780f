/** Accessible mid-tone colours that read on light and dark backgrounds alike. */
export const AVATAR_COLORS = [
  "#e5484d",
  "#e54666",
  "#d6409f",
  "#8e4ec6",
  "#6e56cf",
  "#3e63dd",
  "#0090ff",
  "#00a2c7",
  "#12a594",
  "#30a46c",
  "#46a758",
  "#f76b15",
] as const;

/** A stable colour for an id, so a user keeps theirs until they pick another. */
export function defaultColor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return AVATAR_COLORS[h % AVATAR_COLORS.length] as string;
}
