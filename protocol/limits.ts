/** Every size and rate cap a client can run into; documented in docs/PROTOCOL.md. */
export const LIMITS = {
  /** An HTTP request body (every API body is JSON), checked before it is read. */
  maxRequestBytes: 16 * 1024,
  /** Raw socket frame length, checked before JSON.parse. */
  maxFrameBytes: 8 * 1024,
  /** Characters in one message. */
  maxMessageChars: 4000,
  /** Messages in a history page (socket and HTTP). */
  historyPageDefault: 50,
  historyPageMax: 100,
  /** A reconnect that missed more events than this gets a fresh snapshot instead of a replay. */
  maxCatchUpEvents: 1000,
  /** Distinct emoji on one message. */
  maxReactionsPerMessage: 20,
  /** Sends allowed per connection: a burst, refilled per second. */
  sendBurst: 10,
  sendPerSecond: 5,
  /** Same budget for one user across all of their sockets in a room. */
  userSendBurst: 20,
  userSendPerSecond: 8,
  /** Error frames (invalid or rate-limited) a socket may earn within the window before it is closed (1008). */
  maxViolations: 20,
  violationWindowMs: 10_000,
  /** A client should not send typing more often than this; the server drops faster ones. */
  typingThrottleMs: 2000,
  /** Clients forget a typing indicator after this long without a refresh. */
  typingExpiryMs: 6000,
  /** Search query length. */
  maxSearchChars: 200,
  roomNameMax: 60,
  topicMax: 200,
  displayNameMax: 40,
  usernameMin: 3,
  usernameMax: 32,
  passwordMin: 8,
  passwordMax: 256,
  /** Default cap on stored messages per room; older ones are pruned off the hot path. */
  retentionMessages: 100_000,
  /** Clients send PING_FRAME at least this often; the room answers without waking up. */
  pingIntervalMs: 30_000,
  /** A socket with no ping and no frame for this long is considered dead and closed (1001). */
  staleSocketMs: 120_000,
  /** Results in a search page when the request names no limit (at most historyPageMax). */
  searchPageDefault: 20,
  /** A `batch` frame the server sends is at most this long (UTF-8 bytes), unless one frame is. */
  maxServerFrameBytes: 256 * 1024,
  /** Bans listed by GET /api/rooms/:roomId/bans (the most recent ones). */
  bansListed: 500,
} as const;

/** Characters of ids, usernames and tokens: URL-safe, as nanoid makes them. */
const ID_CHARS = "A-Za-z0-9_\\-";

/**
 * The shape of each kind of id, as pattern text without anchors: the schemas anchor it, and an
 * HTML `pattern` attribute takes it as is (`-` is escaped, as its `v`-flag syntax requires).
 */
export const ID_PATTERNS = {
  roomId: `[${ID_CHARS}]{6,32}`,
  userId: `[${ID_CHARS}]{6,40}`,
  username: `[${ID_CHARS}]{${LIMITS.usernameMin},${LIMITS.usernameMax}}`,
  inviteToken: `[${ID_CHARS}]{16,64}`,
  clientId: `[${ID_CHARS}]{8,64}`,
} as const;

/** The whole-string test for one kind of id. */
export function idPattern(kind: keyof typeof ID_PATTERNS): RegExp {
  return new RegExp(`^${ID_PATTERNS[kind]}$`);
}

/**
 * Query parameter of the socket URL by which a client says it understands `batch` frames
 * (`…/ws?batch=1`). Without it the server sends every frame on its own.
 */
export const BATCH_PARAM = "batch";

/** Exact text the runtime answers without waking the room (setWebSocketAutoResponse). */
export const PING_FRAME = '{"type":"ping"}';
export const PONG_FRAME = '{"type":"pong"}';
