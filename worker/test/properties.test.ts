import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLIENT_FRAME_TYPES } from "../../protocol";
import { fromBase64Url, signSession, verifySession } from "../http/session-token";
import { parseClientFrame } from "../room/frames";

/** Any string a client could put in a frame or cookie, lone surrogates and controls included. */
const anyText = fc.string({ unit: "binary", maxLength: 300 });
const base64ish = fc.string({
  unit: fc.constantFrom(..."ABCabc019-_+/=.%~ \u0000é".split("")),
  maxLength: 200,
});
/** JSON-looking values, deep and odd, with real frame types where they matter. */
const frameLike = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.5),
    anyText,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom("type", "clientId", "text", "seq", "id", "emoji", "q", "since", "__proto__"),
      tie("value"),
      { maxKeys: 6 },
    ),
    fc.record({
      type: fc.constantFrom(...CLIENT_FRAME_TYPES, "nope", ""),
      clientId: fc.oneof(anyText, fc.integer()),
      text: anyText,
      seq: fc.oneof(fc.integer(), fc.double(), anyText),
    }),
  ),
})).value;

describe("the frame parser", () => {
  it("never throws and answers every input with a frame or a documented error code", () => {
    const codes = new Set(["bad_request", "unknown_type", "binary_unsupported", "too_large"]);
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          frameLike.map((v) => JSON.stringify(v) ?? "null"),
        ),
        (data) => {
          const parsed = parseClientFrame(data);
          if (!parsed.ok) {
            expect(codes.has(parsed.code)).toBe(true);
            expect(parsed.ref === undefined || parsed.ref.length <= 64).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("refuses binary frames and frames over the cap without parsing them", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const parsed = parseClientFrame(bytes.buffer as ArrayBuffer);
        expect(parsed).toMatchObject({ ok: false, code: "binary_unsupported" });
      }),
    );
    const huge = `{"type":"send","clientId":"x","text":"${"é".repeat(5000)}"}`;
    expect(parseClientFrame(huge)).toMatchObject({ ok: false, code: "too_large" });
  });
});

describe("the session decoder", () => {
  it("never throws on any cookie text and accepts none it did not sign", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyText,
          base64ish,
          fc.tuple(base64ish, base64ish).map(([a, b]) => `${a}.${b}`),
        ),
        async (token) => {
          expect(await verifySession(token, env.SESSION_SECRET)).toBeNull();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("rejects a real token with anything appended to or cut from its signature", async () => {
    const token = await signSession(
      { uid: "u1", sid: "s1", key: "guest:u1", exp: Math.floor(Date.now() / 1000) + 3600 },
      env.SESSION_SECRET,
    );
    expect(await verifySession(token, env.SESSION_SECRET)).not.toBeNull();
    await fc.assert(
      fc.asyncProperty(base64ish, fc.nat(token.length), async (tail, cut) => {
        fc.pre(tail.length > 0 || cut > 0);
        const forged = token.slice(0, token.length - cut) + tail;
        fc.pre(forged !== token);
        expect(await verifySession(forged, env.SESSION_SECRET)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it("decodes base64url without throwing, and only what is base64url", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, base64ish), (text) => {
        const bytes = fromBase64Url(text);
        if (bytes !== null) expect(/^[A-Za-z0-9_-]*$/.test(text)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(fromBase64Url("A")).toBeNull();
    expect(fromBase64Url("AAAAA")).toBeNull();
    expect(Array.from(fromBase64Url("AQI") ?? [])).toEqual([1, 2]);
  });
});
