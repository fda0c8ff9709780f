/**
 * WebSocket close codes the server uses beyond the standard ones. All in the 44xx range, which
 * clients treat as final ("you may not be here"): they must not reconnect on their own.
 * Kept free of zod so the web client can import them without the schemas.
 */

/** The room's owner removed (kicked) the user. */
export const CLOSE_KICKED = 4410;
/** The room's owner banned the user. */
export const CLOSE_BANNED = 4403;
/**
 * The socket's session ended (logout, "log out everywhere", or another sign-in in the same
 * browser). Reconnecting would be refused with 401, so the client shows sign-in instead.
 */
export const CLOSE_SIGNED_OUT = 4401;
/** The user left the room (their other tabs in it close too); rejoining a private room needs the invite. */
export const CLOSE_LEFT = 4405;
/** Policy violation (standard): the socket earned too many error frames; final, never retried. */
export const CLOSE_POLICY = 1008;
/**
 * Sent by a client that closes its own socket because a ping went unanswered (a connection that
 * died without a close event). Not final: the client reconnects.
 */
export const CLOSE_NO_PONG = 4000;
