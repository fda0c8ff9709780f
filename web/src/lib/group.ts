import type { Message } from "../../../protocol";
import { dayKey } from "./time";

/** How close in time two posts by one author must be to share a header. */
const GROUP_GAP_MS = 5 * 60_000;

/** Every row carries the seq of the post it belongs to (separators: the post after them). */
export type Row =
  | { kind: "day"; key: string; seq: number; at: number }
  | { kind: "divider"; key: string; seq: number }
  | { kind: "message"; key: string; seq: number; message: Message; first: boolean };

/** Lays messages out as rows: day separators, the "new" divider, author groups. */
export function layoutRows(messages: Message[], dividerSeq: number | null): Row[] {
  const rows: Row[] = [];
  let prev: Message | null = null;
  for (const m of messages) {
    let first = true;
    if (!prev || dayKey(prev.createdAt) !== dayKey(m.createdAt)) {
      rows.push({ kind: "day", key: `day-${m.seq}`, seq: m.seq, at: m.createdAt });
    } else if (
      prev.author.id === m.author.id &&
      m.createdAt - prev.createdAt < GROUP_GAP_MS &&
      m.replyTo === null
    ) {
      first = false;
    }
    if (dividerSeq !== null && m.seq === dividerSeq) {
      rows.push({ kind: "divider", key: "divider", seq: m.seq });
      first = true;
    }
    rows.push({ kind: "message", key: `m-${m.seq}`, seq: m.seq, message: m, first });
    prev = m;
  }
  return rows;
}

/** Posts per chunk: the unit the browser may skip laying out while it is off screen. */
const CHUNK_SEQS = 64;

/** Groups rows into chunks by seq range, with keys that stay put as older pages arrive. */
export function chunkRows(rows: Row[]): { key: string; rows: Row[] }[] {
  const chunks: { key: string; rows: Row[] }[] = [];
  for (const row of rows) {
    const key = `c${Math.floor(row.seq / CHUNK_SEQS)}`;
    const last = chunks.at(-1);
    if (last?.key === key) last.rows.push(row);
    else chunks.push({ key, rows: [row] });
  }
  return chunks;
}
