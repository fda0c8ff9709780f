import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mentionPattern, UNREAD_CAP } from "../../protocol";
import { Messages } from "../room/messages";
import { Reactions } from "../room/reactions";
import { unreadIn } from "../room/unread";
import { roomStub } from "../stubs";
import { createRoom, guest } from "./helpers";

describe("mentions in unread messages", () => {
  const ana = mentionPattern(["Ana", "ana_l"]);

  it("matches @name and @username, in any case, at a word end", () => {
    for (const text of ["hi @Ana", "@ana: look", "ping @ANA_L!", "(@ana)", "@Ana\nnext line"]) {
      expect(ana?.test(text), text).toBe(true);
    }
  });

  it("does not match other names that merely start the same, or a bare name", () => {
    for (const text of ["hi @Anabel", "mail ana@example.com", "Ana without at", "@ana_lopez"]) {
      expect(ana?.test(text), text).toBe(false);
    }
  });

  it("treats regex characters in names literally and ignores empty names", () => {
    const odd = mentionPattern(["a.b (x)", " "]);
    expect(odd?.test("hey @a.b (x)")).toBe(true);
    expect(odd?.test("hey @aXb (x)")).toBe(false);
    expect(mentionPattern(["", "  "])).toBeNull();
  });
});

describe("unread counts in a room", () => {
  it("count others' live messages after the marker, capped, and find a recent mention", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    await runInDurableObject(roomStub(env, roomId), async (_obj, state) => {
      const sql = state.storage.sql;
      const insert = (seq: number, author: string, text: string, deleted = 0) =>
        sql.exec(
          "INSERT INTO messages (seq, client_id, author_id, author_name, text, created_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?)",
          seq,
          `client-${seq}-x`,
          author,
          author,
          text,
          seq,
          deleted,
        );
      for (let seq = 1; seq <= 1200; seq++) insert(seq, "other", seq === 1150 ? "hi @ana" : "x");
      insert(1201, "me-user", "my own message");
      insert(1202, "other", "deleted @ana", 1);
      const q = (readSeq: number) =>
        unreadIn(
          new Messages(sql, new Reactions(sql)),
          { userId: "me-user", names: ["Ana"], readSeq },
          1202,
        );

      expect(q(0)).toEqual({
        unread: UNREAD_CAP,
        mentioned: true,
        lastSeq: 1202,
        lastActivity: 1202,
      });
      expect(q(1150)).toMatchObject({ unread: 50, mentioned: false });
      expect(q(1149)).toMatchObject({ unread: 51, mentioned: true });
      expect(q(1202)).toMatchObject({ unread: 0, mentioned: false });
    });
  });
});
