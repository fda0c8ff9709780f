/**
 * Structured logs: one JSON line per event, so `wrangler tail --format json` and Workers Logs can
 * filter on `event` and its fields (docs/DEPLOY.md, "Reading logs"). Lines carry ids, codes and
 * counts only: never message text, names, cookies, tokens or secrets.
 */
export type LogLevel = "info" | "warn" | "error";
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Writes one event. `error` is for real faults only: the browser tests fail on any. */
export function log(level: LogLevel, event: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ level, event, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

/**
 * The id a request's lines share: Cloudflare's Ray ID when there is one (the dashboard shows it
 * next to the request), a random id otherwise (local runs).
 */
export function requestId(request: Request): string {
  return request.headers.get("cf-ray") ?? crypto.randomUUID();
}

/**
 * Frequent events (rate-limit refusals) as a bounded number of lines, so an overload cannot flood
 * the log: the first event of each scope in a window is logged at once (`count: 1`), the rest of
 * that window are counted and logged as one line (`count: n`, `windowMs`) when the next window
 * opens. One per isolate or object; scopes are a few fixed names, never per-user keys.
 */
export class LogAggregator {
  private windowStart = 0;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly event: string,
    private readonly windowMs = 60_000,
  ) {}

  hit(scope: string, now = Date.now(), fields: LogFields = {}): void {
    if (now - this.windowStart >= this.windowMs) {
      for (const [key, n] of this.counts) {
        if (n > 1) log("warn", this.event, { scope: key, count: n - 1, windowMs: this.windowMs });
      }
      this.counts.clear();
      this.windowStart = now;
    }
    const n = (this.counts.get(scope) ?? 0) + 1;
    this.counts.set(scope, n);
    if (n === 1) log("warn", this.event, { scope, count: 1, ...fields });
  }
}
