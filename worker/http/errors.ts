import type { ErrorCode } from "../../protocol";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unknown_type: 400,
  binary_unsupported: 400,
  too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  bad_origin: 403,
  not_found: 404,
  unknown_route: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};

/** Thrown anywhere in a request; app.onError turns it into `{error: {code, message}}`. */
export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { fields?: Record<string, string>; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }
}
