import { describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../protocol";
import { APP_VERSION } from "../version";
import { api, guest, json } from "./helpers";

describe("HTTP API", () => {
  it("reports health", async () => {
    const res = await api("/api/health");
    expect(res.status).toBe(200);
    // Tests bundle without a build stamp; `npm start` and deploys set one (scripts/build-time.ts).
    expect(await res.json()).toEqual({
      ok: true,
      version: APP_VERSION,
      protocol: PROTOCOL_VERSION,
      builtAt: null,
    });
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const res = await api("/api/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "unknown_route" } });
  });

  it("refuses a malformed room id with 400", async () => {
    const res = await api("/api/rooms/bad!id");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "bad_request" } });
  });

  it("answers malformed JSON and invalid bodies with 400 and a message", async () => {
    const malformed = await api("/api/auth/guest", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: "bad_request" } });
    const empty = await api("/api/auth/guest", json({ name: "   " }));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { fields: { name: expect.any(String) } } });
  });

  it("creates a room only with a session", async () => {
    const anon = await api("/api/rooms", json({ name: "x" }));
    expect(anon.status).toBe(401);
    const { cookie } = await guest();
    const res = await api("/api/rooms", json({ name: "Lounge", topic: "hi" }, cookie));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { room: { id: string; name: string }; link: string };
    expect(body.room.name).toBe("Lounge");
    expect(body.link).toBe(`/r/${body.room.id}`);
    const info = await api(`/api/rooms/${body.room.id}`);
    expect(await info.json()).toMatchObject({ room: { name: "Lounge", topic: "hi" }, lastSeq: 0 });
  });
});

describe("API headers", () => {
  it("sends security headers on API responses", async () => {
    const res = await api("/api/health");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });
});
