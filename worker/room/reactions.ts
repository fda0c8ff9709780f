import type { Reaction } from "../../protocol/index";

/** Emoji reactions on messages (table `reactions`). The only code that touches the table. */
export class Reactions {
  constructor(private readonly sql: SqlStorage) {}

  /** The reactions of each of `seqs`, in the order they were added (one query for all). */
  of(seqs: number[]): Map<number, Reaction[]> {
    const bySeq = new Map<number, Reaction[]>();
    if (seqs.length === 0) return bySeq;
    const rows = this.sql.exec<{ seq: number; emoji: string; user_id: string }>(
      `SELECT seq, emoji, user_id FROM reactions
       WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq, created_at`,
      JSON.stringify(seqs),
    );
    for (const r of rows) {
      const list = bySeq.get(r.seq) ?? [];
      bySeq.set(r.seq, list);
      const reaction = list.find((x) => x.emoji === r.emoji);
      if (reaction) reaction.users.push(r.user_id);
      else list.push({ emoji: r.emoji, users: [r.user_id] });
    }
    return bySeq;
  }

  /**
   * Adds `userId`'s `emoji` to message `seq`, or removes it when it is there. Returns whether it
   * is on now, or null (nothing written) when the message already carries `maxDistinct` others.
   */
  toggle(seq: number, emoji: string, userId: string, maxDistinct: number, now: number) {
    const removed = this.sql
      .exec(
        "DELETE FROM reactions WHERE seq = ? AND emoji = ? AND user_id = ? RETURNING seq",
        seq,
        emoji,
        userId,
      )
      .toArray().length;
    if (removed) return false;
    const { kinds, present } = this.sql
      .exec<{ kinds: number; present: number }>(
        `SELECT count(DISTINCT emoji) AS kinds, coalesce(max(emoji = ?), 0) AS present
         FROM reactions WHERE seq = ?`,
        emoji,
        seq,
      )
      .one();
    if (!present && kinds >= maxDistinct) return null;
    this.sql.exec(
      "INSERT INTO reactions (seq, emoji, user_id, created_at) VALUES (?, ?, ?, ?)",
      seq,
      emoji,
      userId,
      now,
    );
    return true;
  }

  deleteFor(seq: number): void {
    this.sql.exec("DELETE FROM reactions WHERE seq = ?", seq);
  }

  deleteThrough(seq: number): void {
    this.sql.exec("DELETE FROM reactions WHERE seq <= ?", seq);
  }
}
