import { describe, expect, it } from "vitest";
import { connect, createRoom, guest } from "./helpers";

describe("the latest page a joiner gets", () => {
  it("reflects every change at once, though it is kept between writes", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    const joinerSees = async () => {
      const s = await connect(roomId, (await guest("Joiner")).cookie);
      const welcome = await s.next("welcome");
      s.ws.close();
      return welcome.messages;
    };

    // Two joins with no write between them see the same page.
    a.send({ type: "send", clientId: "latest-page-1", text: "first" });
    const seq = (await a.next("ack", (x) => x.clientId === "latest-page-1")).seq;
    expect((await joinerSees()).map((m) => m.text)).toEqual(["first"]);
    expect((await joinerSees()).map((m) => m.text)).toEqual(["first"]);

    a.send({ type: "edit", seq, text: "first, edited" });
    await a.next("edit");
    expect((await joinerSees())[0]).toMatchObject({ text: "first, edited" });

    a.send({ type: "react", seq, emoji: "👍" });
    await a.next("reaction");
    expect((await joinerSees())[0]?.reactions).toEqual([{ emoji: "👍", users: [ana.me.id] }]);

    a.send({ type: "send", clientId: "latest-page-2", text: "second" });
    await a.next("ack", (x) => x.clientId === "latest-page-2");
    expect((await joinerSees()).map((m) => m.text)).toEqual(["first, edited", "second"]);

    a.send({ type: "delete", seq });
    await a.next("delete");
    expect((await joinerSees())[0]).toMatchObject({ seq, deleted: true, text: "", reactions: [] });
  });
});
