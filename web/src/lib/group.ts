import type { Message } from "../../../protocol";
import { dayKey } from "./time";

/** How close in time two posts by one author must be to share a header. */
const GROUP_GAP_MS = 5 * 60_000;

export type Row =
  | { kind: "day"; key: string; at: number }
  | { kind: "divider"; key: string }
  | { kind: "message"; key: string; message: Message; first: boolean };

/** Lays messages out as rows: day separators, the "new" divider, author groups. */
export function layoutRows(messages: Message[], dividerSeq: number | null): Row[] {
  const rows: Row[] = [];
  let prev: Message | null = null;
  for (const m of messages) {
    let first = true;
    if (!prev || dayKey(prev.createdAt) !== dayKey(m.createdAt)) {
      rows.push({ kind: "day", key: `day-${m.seq}`, at: m.createdAt });
    } else if (
      prev.author.id === m.author.id &&
      m.createdAt - prev.createdAt < GROUP_GAP_MS &&
      m.replyTo === null
    ) {
      first = false;
    }
    if (dividerSeq !== null && m.seq === dividerSeq) {
      rows.push({ kind: "divider", key: "divider" });
      first = true;
    }
    rows.push({ kind: "message", key: `m-${m.seq}`, message: m, first });
    prev = m;
  }
  return rows;
}
