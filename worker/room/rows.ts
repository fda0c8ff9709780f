import type { Author, Message, Reaction } from "../../protocol/index";

// Row shapes of the room's tables, and their mapping to protocol objects.

export type MessageRow = {
  seq: number;
  client_id: string | null;
  author_id: string;
  author_name: string;
  author_color: string | null;
  author_guest: number;
  /** Null for guests and for messages stored before migration 4. */
  author_username: string | null;
  text: string;
  created_at: number;
  reply_to: number | null;
  edited_at: number | null;
  deleted: number;
};

export type RoomRow = {
  room_id: string;
  name: string;
  topic: string;
  visibility: "public" | "private";
  owner_id: string | null;
  created_at: number;
};

export const MESSAGE_COLUMNS =
  "seq, client_id, author_id, author_name, author_color, author_guest, author_username, text, created_at, reply_to, edited_at, deleted";

/** Messages for `rows`, in the same order, with their reactions (one query for all of them). */
export function messagesFrom(sql: SqlStorage, rows: MessageRow[]): Message[] {
  const bySeq = new Map<number, Reaction[]>();
  if (rows.length > 0) {
    const reactionRows = sql.exec<{ seq: number; emoji: string; user_id: string }>(
      `SELECT seq, emoji, user_id FROM reactions
       WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq, created_at`,
      JSON.stringify(rows.map((r) => r.seq)),
    );
    for (const r of reactionRows) {
      const list = bySeq.get(r.seq) ?? [];
      bySeq.set(r.seq, list);
      const reaction = list.find((x) => x.emoji === r.emoji);
      if (reaction) reaction.users.push(r.user_id);
      else list.push({ emoji: r.emoji, users: [r.user_id] });
    }
  }
  return rows.map((row) => toMessage(row, bySeq.get(row.seq) ?? []));
}

/** A deleted message shows no text and no reactions, whatever is stored. */
function toMessage(row: MessageRow, reactions: Reaction[]): Message {
  const author: Author = { id: row.author_id, name: row.author_name };
  if (row.author_color) author.color = row.author_color;
  if (row.author_guest) author.guest = true;
  else if (row.author_username) author.username = row.author_username;
  return {
    seq: row.seq,
    clientId: row.client_id,
    author,
    text: row.deleted ? "" : row.text,
    createdAt: row.created_at,
    replyTo: row.reply_to,
    editedAt: row.edited_at,
    deleted: row.deleted === 1,
    reactions: row.deleted ? [] : reactions,
  };
}
