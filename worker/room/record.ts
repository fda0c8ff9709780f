import type { RoomInfo } from "../../protocol/index";

type RoomRow = {
  room_id: string;
  name: string;
  topic: string;
  visibility: "public" | "private";
  owner_id: string | null;
  created_at: number;
};

/**
 * The room's one row (table `room`): what the room is, and the two watermarks of its history
 * (how far the search index got, how far retention pruned). The only code that touches the table.
 */
export class RoomRecord {
  constructor(private readonly sql: SqlStorage) {}

  /** Null before the room was created. */
  info(): RoomInfo | null {
    const row = this.sql.exec<RoomRow>("SELECT * FROM room WHERE id = 1").toArray()[0];
    if (!row) return null;
    return {
      id: row.room_id,
      name: row.name,
      topic: row.topic,
      visibility: row.visibility,
      ownerId: row.owner_id,
      createdAt: row.created_at,
    };
  }

  create(info: RoomInfo): void {
    this.sql.exec(
      "INSERT INTO room (id, room_id, name, topic, visibility, owner_id, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)",
      info.id,
      info.name,
      info.topic,
      info.visibility,
      info.ownerId,
      info.createdAt,
    );
  }

  setName(name: string): void {
    this.sql.exec("UPDATE room SET name = ? WHERE id = 1", name);
  }

  setTopic(topic: string): void {
    this.sql.exec("UPDATE room SET topic = ? WHERE id = 1", topic);
  }

  /** Zero for a room not yet created. */
  watermarks(): { indexedThrough: number; prunedThrough: number } {
    const row = this.sql
      .exec<{ fts_through: number; pruned_through: number }>(
        "SELECT fts_through, pruned_through FROM room WHERE id = 1",
      )
      .toArray()[0];
    return { indexedThrough: row?.fts_through ?? 0, prunedThrough: row?.pruned_through ?? 0 };
  }

  setIndexedThrough(seq: number): void {
    this.sql.exec("UPDATE room SET fts_through = ? WHERE id = 1", seq);
  }

  setPrunedThrough(seq: number): void {
    this.sql.exec("UPDATE room SET pruned_through = ? WHERE id = 1", seq);
  }
}
