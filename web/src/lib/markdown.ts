/**
 * Markdown-lite: the small subset chat needs, parsed into plain tokens that the UI turns into
 * React elements. Nothing here ever produces HTML, so user text can never become markup.
 */
/** `at` is the token's offset in its source: a stable key for rendering. */
export type Inline = { at: number } & (
  | { kind: "text"; text: string }
  | { kind: "bold"; children: Inline[] }
  | { kind: "italic"; children: Inline[] }
  | { kind: "code"; text: string }
  | { kind: "link"; href: string; text: string }
  | { kind: "mention"; name: string }
);

export type Block = { at: number } & (
  | { kind: "paragraph"; children: Inline[] }
  | { kind: "codeblock"; text: string }
);

const FENCE = /```(?:[a-z0-9+-]*\n)?([\s\S]*?)```/g;

export function parseMessage(source: string): Block[] {
  const blocks: Block[] = [];
  let last = 0;
  for (const match of source.matchAll(FENCE)) {
    const before = source.slice(last, match.index).replace(/^\n+|\n+$/g, "");
    if (before) blocks.push({ at: last, kind: "paragraph", children: parseInline(before) });
    blocks.push({ at: match.index, kind: "codeblock", text: (match[1] ?? "").replace(/\n$/, "") });
    last = match.index + match[0].length;
  }
  const rest = source.slice(last).replace(/^\n+|\n+$/g, "");
  if (rest || blocks.length === 0) {
    blocks.push({ at: last, kind: "paragraph", children: parseInline(rest) });
  }
  return blocks;
}

// Order matters: code first (its content is literal), then links, then emphasis and mentions.
const INLINE =
  /`([^`\n]+)`|(https?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]])|\*\*([^*\n]+?)\*\*|(?<![\w*])\*([^*\n]+?)\*(?![\w*])|(?<![\w_])_([^_\n]+?)_(?![\w_])|(?<![\w@])@([\p{L}\p{N}_-]{1,40})/gu;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index;
    if (at > last) out.push({ at: last, kind: "text", text: text.slice(last, at) });
    const [, code, url, bold, star, under, mention] = m;
    if (code !== undefined) out.push({ at, kind: "code", text: code });
    else if (url !== undefined) out.push({ at, kind: "link", href: url, text: url });
    else if (bold !== undefined) out.push({ at, kind: "bold", children: parseInline(bold) });
    else if (star !== undefined || under !== undefined)
      out.push({ at, kind: "italic", children: parseInline(star ?? under ?? "") });
    else if (mention !== undefined) out.push({ at, kind: "mention", name: mention });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ at: last, kind: "text", text: text.slice(last) });
  return out;
}

/** Only http(s) links are ever rendered as links; anything else stays text. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Whether `text` mentions `name` (display name, spaces optional) or `username`. */
export function mentions(text: string, names: (string | null | undefined)[]): boolean {
  const wanted = names
    .filter((n): n is string => !!n)
    .map((n) => n.replace(/\s+/g, "").toLowerCase());
  if (wanted.length === 0) return false;
  for (const m of text.matchAll(/(?<![\w@])@([\p{L}\p{N}_-]{1,40})/gu)) {
    if (wanted.includes((m[1] ?? "").toLowerCase())) return true;
  }
  return false;
}
