import { MENTION_NAME_END, nameAlternatives } from "../../../protocol/mentions";

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
  | { kind: "mention"; name: string; me: boolean }
);

export type Block = { at: number } & (
  | { kind: "paragraph"; children: Inline[] }
  | { kind: "codeblock"; text: string }
);

const FENCE = /```(?:[a-z0-9+-]*\n)?([\s\S]*?)```/g;

/** `myNames`: the reader's display name and username, so mentions of them stand out. */
export function parseMessage(source: string, myNames: string[] = []): Block[] {
  const blocks: Block[] = [];
  let last = 0;
  for (const match of source.matchAll(FENCE)) {
    const before = source.slice(last, match.index).replace(/^\n+|\n+$/g, "");
    if (before)
      blocks.push({ at: last, kind: "paragraph", children: parseInline(before, myNames) });
    blocks.push({ at: match.index, kind: "codeblock", text: (match[1] ?? "").replace(/\n$/, "") });
    last = match.index + match[0].length;
  }
  const rest = source.slice(last).replace(/^\n+|\n+$/g, "");
  if (rest || blocks.length === 0) {
    blocks.push({ at: last, kind: "paragraph", children: parseInline(rest, myNames) });
  }
  return blocks;
}

// Order matters: code first (its content is literal), then links, emphasis, and mentions: of
// the reader by full name (which may have spaces), else any @word.
const INLINE_BASE =
  /`([^`\n]+)`|(https?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]])|\*\*([^*\n]+?)\*\*|(?<![\w*])\*([^*\n]+?)\*(?![\w*])|(?<![\w_])_([^_\n]+?)_(?![\w_])/
    .source;
const inlineCache = new Map<string, RegExp>();

function inlinePattern(myNames: string[]): RegExp {
  const key = myNames.join("\n");
  let re = inlineCache.get(key);
  if (!re) {
    const alts = nameAlternatives(myNames);
    const mine = alts.length ? `(${alts.join("|")})${MENTION_NAME_END}|` : "()(?!)|";
    re = new RegExp(`${INLINE_BASE}|(?<![\\w@])@(?:${mine}([\\p{L}\\p{N}_-]{1,40}))`, "giu");
    inlineCache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

function parseInline(text: string, myNames: string[] = []): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(inlinePattern(myNames))) {
    const at = m.index;
    if (at > last) out.push({ at: last, kind: "text", text: text.slice(last, at) });
    const [, code, url, bold, star, under, mine, other] = m;
    if (code !== undefined) out.push({ at, kind: "code", text: code });
    else if (url !== undefined) out.push({ at, kind: "link", href: url, text: url });
    else if (bold !== undefined)
      out.push({ at, kind: "bold", children: parseInline(bold, myNames) });
    else if (star !== undefined || under !== undefined)
      out.push({ at, kind: "italic", children: parseInline(star ?? under ?? "", myNames) });
    else if (mine) out.push({ at, kind: "mention", name: mine, me: true });
    else if (other !== undefined) out.push({ at, kind: "mention", name: other, me: false });
    last = at + m[0].length;
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
