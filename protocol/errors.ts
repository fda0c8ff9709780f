import * as z from "zod/mini";

/** Stable machine-readable error codes, shared by HTTP bodies and socket error frames. */
export const ErrorCode = z.enum([
  "bad_request", // malformed JSON or a body/frame that fails its schema
  "unknown_type", // a socket frame whose type is not in the protocol
  "too_large", // over a size cap
  "binary_unsupported", // binary socket frames are not part of the protocol
  "unauthorized", // no or invalid session
  "forbidden", // signed in, but not allowed
  "not_found", // no such room, message or user
  "unknown_route", // no such API path or method on this server (e.g. an older one)
  "conflict", // e.g. username taken
  "rate_limited", // slow down; see retryAfter
  "bad_origin", // WebSocket upgrade from a foreign Origin
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    /** Per-field messages for invalid input. */
    fields: z.optional(z.record(z.string(), z.string())),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
