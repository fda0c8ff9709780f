/**
 * The bad-input corpus for sockets: frames a careless client or an attacker sends on an open
 * socket, and the error code each must get (the socket stays open). `{seq}` is a message by
 * someone else, `{mine}` one of the sender's own, `{gone}` a deleted one. docs/SECURITY.md
 * describes it; bad-input-frames.test.ts runs it against a real room.
 */
export type FrameCase = { name: string; frame: string | ArrayBuffer; code: string };

const send = (extra: Record<string, unknown>) =>
  JSON.stringify({ type: "send", clientId: "corpus-0001", text: "hi", ...extra });
const nest = (n: number) => `${'{"type":"send","x":'.repeat(n)}1${"}".repeat(n)}`;

// biome-ignore format: one case per line reads as a table
export const FRAME_CASES: FrameCase[] = [
  // ── not a frame ──
  { name: "not JSON", frame: "{type:", code: "bad_request" },
  { name: "empty text", frame: "", code: "bad_request" },
  { name: "JSON null", frame: "null", code: "unknown_type" },
  { name: "JSON string", frame: '"send"', code: "unknown_type" },
  { name: "JSON array", frame: '[{"type":"send"}]', code: "unknown_type" },
  { name: "binary frame", frame: new Uint8Array([123, 125]).buffer, code: "binary_unsupported" },
  { name: "over 8 KB", frame: send({ text: "x".repeat(9000) }), code: "too_large" },
  { name: "over 8 KB in UTF-8 only", frame: send({ text: "€".repeat(3000) }), code: "too_large" },
  { name: "400-deep nesting", frame: nest(400), code: "bad_request" },
  { name: "unknown type", frame: '{"type":"admin"}', code: "unknown_type" },
  { name: "type of another case", frame: '{"type":"SEND","clientId":"corpus-0001","text":"x"}', code: "unknown_type" },
  { name: "server frame type", frame: '{"type":"welcome"}', code: "unknown_type" },
  { name: "__proto__ as type", frame: '{"type":"__proto__"}', code: "unknown_type" },
  // ── send ──
  { name: "send without text", frame: '{"type":"send","clientId":"corpus-0001"}', code: "bad_request" },
  { name: "send with empty text", frame: send({ text: "   " }), code: "bad_request" },
  { name: "send with text as a number", frame: send({ text: 42 }), code: "bad_request" },
  { name: "send over 4000 characters", frame: send({ text: "x".repeat(4001) }), code: "bad_request" },
  { name: "send with control characters", frame: send({ text: "bell\u0007" }), code: "bad_request" },
  { name: "send with a lone surrogate", frame: send({ text: "a\ud800b" }), code: "bad_request" },
  { name: "send with a short clientId", frame: send({ clientId: "x" }), code: "bad_request" },
  { name: "send with a clientId of markup", frame: send({ clientId: "<script>alert(1)</script>" }), code: "bad_request" },
  { name: "send replying to a missing message", frame: send({ replyTo: 999999 }), code: "not_found" },
  { name: "send replying to a deleted message", frame: '{"type":"send","clientId":"corpus-0002","text":"re","replyTo":{gone}}', code: "not_found" },
  { name: "send replying to seq -1", frame: send({ replyTo: -1 }), code: "bad_request" },
  { name: "send replying to seq 1.5", frame: send({ replyTo: 1.5 }), code: "bad_request" },
  { name: "send with a forged author", frame: '{"type":"send","clientId":"corpus-0003","text":"x","author":{"id":"owner"}}', code: "" },
  // ── changes ──
  { name: "edit someone else's message", frame: '{"type":"edit","seq":{seq},"text":"pwned"}', code: "forbidden" },
  { name: "delete someone else's message", frame: '{"type":"delete","seq":{seq}}', code: "forbidden" },
  { name: "edit a deleted message", frame: '{"type":"edit","seq":{gone},"text":"back"}', code: "not_found" },
  { name: "edit a missing message", frame: '{"type":"edit","seq":999999,"text":"x"}', code: "not_found" },
  { name: "edit with seq as a string", frame: '{"type":"edit","seq":"{mine}","text":"x"}', code: "bad_request" },
  { name: "react with text", frame: '{"type":"react","seq":{seq},"emoji":"lol","on":true}', code: "bad_request" },
  { name: "react with markup", frame: '{"type":"react","seq":{seq},"emoji":"<img src=x>","on":true}', code: "bad_request" },
  { name: "react to a deleted message", frame: '{"type":"react","seq":{gone},"emoji":"👍","on":true}', code: "not_found" },
  { name: "topic by a non-owner", frame: '{"type":"topic","topic":"mine now"}', code: "forbidden" },
  // ── queries ──
  { name: "history with limit 0", frame: '{"type":"history","limit":0}', code: "bad_request" },
  { name: "history with limit 10^6", frame: '{"type":"history","limit":1000000}', code: "bad_request" },
  { name: "history before -5", frame: '{"type":"history","before":-5}', code: "bad_request" },
  { name: "search for nothing", frame: '{"type":"search","q":"  "}', code: "bad_request" },
  { name: "search over 200 characters", frame: JSON.stringify({ type: "search", q: "q".repeat(201) }), code: "bad_request" },
  { name: "search with FTS syntax", frame: '{"type":"search","q":"\\" OR NEAR(a b) * ^"}', code: "" },
  { name: "sync from 2^60", frame: '{"type":"sync","since":1152921504606846976}', code: "bad_request" },
  { name: "status not in the list", frame: '{"type":"status","status":"invisible"}', code: "bad_request" },
  { name: "read with seq as a string", frame: '{"type":"read","seq":"1"}', code: "bad_request" },
];
