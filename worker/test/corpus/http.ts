/**
 * The bad-input corpus for the HTTP API: what a careless client or an attacker sends, and the
 * answer each must get. docs/SECURITY.md describes it; bad-input-http.test.ts runs it against
 * the real Worker. `{room}` is a public room, `{private}` a private one (no invite given).
 */
export type HttpCase = {
  name: string;
  method?: string;
  path: string;
  /** "guest": a valid guest session; a string: sent as the Cookie header as is. */
  cookie?: "guest" | string;
  headers?: Record<string, string>;
  body?: string;
  status: number;
  code: string;
};

const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
const big = (bytes: number) => JSON.stringify({ name: "x".repeat(bytes) });
const json = { "content-type": "application/json" };

// biome-ignore format: one case per line reads as a table
export const HTTP_CASES: HttpCase[] = [
  // ── bodies ──
  { name: "body is not JSON", method: "POST", path: "/api/auth/guest", headers: json, body: "{name:", status: 400, code: "bad_request" },
  { name: "empty body", method: "POST", path: "/api/auth/guest", headers: json, body: "", status: 400, code: "bad_request" },
  { name: "JSON null body", method: "POST", path: "/api/auth/guest", headers: json, body: "null", status: 400, code: "bad_request" },
  { name: "JSON array body", method: "POST", path: "/api/auth/guest", headers: json, body: "[]", status: 400, code: "bad_request" },
  { name: "wrong field type", method: "POST", path: "/api/auth/guest", headers: json, body: '{"name":42}', status: 400, code: "bad_request" },
  { name: "name of control characters", method: "POST", path: "/api/auth/guest", headers: json, body: '{"name":"a\\u0000\\u001b[31m"}', status: 400, code: "bad_request" },
  { name: "name with a lone surrogate", method: "POST", path: "/api/auth/guest", headers: json, body: '{"name":"Ana\\ud800"}', status: 400, code: "bad_request" },
  { name: "name with a bidi override", method: "POST", path: "/api/auth/guest", headers: json, body: '{"name":"\\u202egnp.exe"}', status: 400, code: "bad_request" },
  { name: "10 KB name", method: "POST", path: "/api/auth/guest", headers: json, body: big(10_000), status: 400, code: "bad_request" },
  { name: "1 MB body", method: "POST", path: "/api/auth/guest", headers: json, body: big(1_000_000), status: 413, code: "too_large" },
  { name: "5,000-deep array", method: "POST", path: "/api/auth/guest", headers: json, body: deep(5_000), status: 400, code: "bad_request" },
  { name: "2,500-deep object", method: "POST", path: "/api/auth/login", headers: json, body: deepObject(2_500), status: 400, code: "bad_request" },
  { name: "__proto__ in the body", method: "POST", path: "/api/auth/guest", headers: json, body: '{"__proto__":{"name":"x"}}', status: 400, code: "bad_request" },
  { name: "JSON body sent as text/plain", method: "POST", path: "/api/auth/guest", headers: { "content-type": "text/plain" }, body: '{"name":"Ana"}', status: 400, code: "bad_request" },
  { name: "password with a lone surrogate", method: "POST", path: "/api/auth/login", headers: json, body: '{"username":"nobody","password":"\\udfff"}', status: 400, code: "bad_request" },
  { name: "username of 10 KB", method: "POST", path: "/api/auth/register", headers: json, body: JSON.stringify({ username: "u".repeat(10_000), password: "long-enough-1" }), status: 400, code: "bad_request" },
  { name: "room name of control characters", method: "POST", path: "/api/rooms", cookie: "guest", headers: json, body: '{"name":"\\u0007"}', status: 400, code: "bad_request" },
  { name: "room visibility not in the list", method: "POST", path: "/api/rooms", cookie: "guest", headers: json, body: '{"name":"r","visibility":"secret"}', status: 400, code: "bad_request" },
  { name: "profile colour as CSS", method: "PATCH", path: "/api/me", cookie: "guest", headers: json, body: '{"color":"red;background:url(x)"}', status: 400, code: "bad_request" },
  { name: "read marker as a string", method: "POST", path: "/api/me/rooms/{room}/read", cookie: "guest", headers: json, body: '{"seq":"1"}', status: 400, code: "bad_request" },
  { name: "read marker of 1e308", method: "POST", path: "/api/me/rooms/{room}/read", cookie: "guest", headers: json, body: '{"seq":1e308}', status: 400, code: "bad_request" },
  { name: "DM to a malformed id", method: "POST", path: "/api/dm", cookie: "guest", headers: json, body: '{"userId":"../../etc"}', status: 400, code: "bad_request" },
  // ── ids in paths and queries ──
  { name: "room id with traversal", path: "/api/rooms/..%2F..%2Fetc", status: 400, code: "bad_request" },
  { name: "room id in unicode", path: "/api/rooms/%E2%80%AEroom%F0%9F%92%A9", status: 400, code: "bad_request" },
  { name: "room id of 10 KB", path: `/api/rooms/${"a".repeat(10_000)}`, status: 400, code: "bad_request" },
  { name: "unknown room", path: "/api/rooms/nosuchroom12", status: 404, code: "not_found" },
  { name: "broken percent-encoding", path: "/api/rooms/%E0%A4%A", status: 400, code: "bad_request" },
  { name: "private room without the invite", path: "/api/rooms/{private}/messages", cookie: "guest", status: 403, code: "forbidden" },
  { name: "private room with a forged invite", path: "/api/rooms/{private}/messages?invite=AAAAAAAAAAAAAAAAAAAAAA", cookie: "guest", status: 403, code: "forbidden" },
  { name: "malformed invite", path: "/api/rooms/{private}?invite=%00%00", status: 400, code: "bad_request" },
  { name: "history page before -1", path: "/api/rooms/{room}/messages?before=-1", status: 400, code: "bad_request" },
  { name: "history page of 10^20", path: "/api/rooms/{room}/messages?limit=100000000000000000000", status: 400, code: "bad_request" },
  { name: "search for invalid UTF-8 (read as U+FFFD)", path: "/api/rooms/{room}/search?q=%ED%A0%80", status: 200, code: "" },
  { name: "search with FTS syntax", path: "/api/rooms/{room}/search?q=%22%20OR%20NEAR(a%20b)%20*", status: 200, code: "" },
  { name: "directory cursor forged", path: "/api/rooms?cursor=%27%3B%20DROP%20TABLE%20rooms", status: 400, code: "bad_request" },
  { name: "user name with traversal", path: "/api/users/..%2Fadmin", status: 400, code: "bad_request" },
  { name: "unknown API route", path: "/api/nothing-here", status: 404, code: "unknown_route" },
  { name: "wrong method", method: "PUT", path: "/api/rooms", status: 404, code: "unknown_route" },
  // ── sessions ──
  { name: "no cookie on a signed-in route", path: "/api/me", status: 401, code: "unauthorized" },
  { name: "cookie A.A", path: "/api/me", cookie: "parley_session=A.A", status: 401, code: "unauthorized" },
  { name: "cookie with a 4n+1 signature", path: "/api/me", cookie: "parley_session=eyJ1aWQiOiJ4In0.AAAAA", status: 401, code: "unauthorized" },
  { name: "cookie of 10 KB", path: "/api/me", cookie: `parley_session=${"A".repeat(10_000)}.A`, status: 401, code: "unauthorized" },
  { name: "cookie with broken percent-encoding", path: "/api/me", cookie: "parley_session=%E0%A4%A.x", status: 401, code: "unauthorized" },
  { name: "cookie with unsigned claims", path: "/api/me", cookie: `parley_session=${btoa('{"uid":"a","sid":"b","key":"c","exp":9999999999}').replace(/=+$/, "")}.`, status: 401, code: "unauthorized" },
  { name: "bad cookie: health still answers", path: "/api/health", cookie: "parley_session=A.A", status: 200, code: "" },
  { name: "bad cookie: public room still answers", path: "/api/rooms/{room}", cookie: "parley_session=A.A", status: 200, code: "" },
  { name: "bad cookie: directory still answers", path: "/api/rooms", cookie: "parley_session=A.A; parley_session=B.B", status: 200, code: "" },
  // ── sockets over HTTP ──
  { name: "socket route without Upgrade", path: "/api/rooms/{room}/ws", cookie: "guest", status: 400, code: "bad_request" },
  { name: "socket from a foreign Origin", path: "/api/rooms/{room}/ws", cookie: "guest", headers: { Upgrade: "websocket", Origin: "https://evil.example" }, status: 403, code: "bad_origin" },
  { name: "socket with Origin null", path: "/api/rooms/{room}/ws", cookie: "guest", headers: { Upgrade: "websocket", Origin: "null" }, status: 403, code: "bad_origin" },
  { name: "socket without a session", path: "/api/rooms/{room}/ws", headers: { Upgrade: "websocket", Origin: "http://parley.test" }, status: 401, code: "unauthorized" },
  { name: "socket to an unknown room", path: "/api/rooms/nosuchroom12/ws", cookie: "guest", headers: { Upgrade: "websocket", Origin: "http://parley.test" }, status: 404, code: "not_found" },
  { name: "socket to a private room without invite", path: "/api/rooms/{private}/ws", cookie: "guest", headers: { Upgrade: "websocket", Origin: "http://parley.test" }, status: 403, code: "forbidden" },
];
