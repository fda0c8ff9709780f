import type { Author } from "../../../protocol";

/**
 * Where a person's name (a post's author, or a member: the same fields) links to: an account's profile at /u/<username>; a guest's page at
 * /guest/<id> (no profile, but presence and a private chat); null when the username of an
 * account is not known (posts stored before authors carried it).
 */
export function profileLink(
  p: Author,
): { to: string; state: { name: string; color?: string } } | null {
  const state = { name: p.name, color: p.color };
  if (p.guest) return { to: `/guest/${encodeURIComponent(p.id)}`, state };
  if (p.username) return { to: `/u/${encodeURIComponent(p.username)}`, state };
  return null;
}
