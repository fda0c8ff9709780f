import { describe, expect, it } from "vitest";
import { mentionPattern } from "../room-unread";

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
