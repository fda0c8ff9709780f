/**
 * The @mention rule, shared by the server (the "@" badge on unread rooms) and the web app
 * (highlights and notifications), so the three always agree: `@` followed by one of the
 * reader's names (display name, spaces allowed, or username), case-insensitive, not followed by
 * another name character. Free of zod, so the web bundle can import it.
 */

/** What may not follow a mentioned name (it would make it a longer name). */
export const MENTION_NAME_END = "(?![\\p{L}\\p{N}_-])";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The reader's names as regex alternatives: trimmed, empty ones dropped, escaped. */
export function nameAlternatives(names: (string | null | undefined)[]): string[] {
  return names
    .map((n) => n?.trim())
    .filter((n): n is string => !!n)
    .map(escapeRegExp);
}

/** A pattern that finds a mention of one of `names`; null when there is no name to mention. */
export function mentionPattern(names: (string | null | undefined)[]): RegExp | null {
  const alternatives = nameAlternatives(names);
  if (alternatives.length === 0) return null;
  return new RegExp(`@(?:${alternatives.join("|")})${MENTION_NAME_END}`, "iu");
}

/** Whether `text` mentions one of `names`. */
export function mentions(text: string, names: (string | null | undefined)[]): boolean {
  return mentionPattern(names)?.test(text) ?? false;
}
