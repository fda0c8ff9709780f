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
 * Frequent events (rate-limit refusals, socket closes) as a bounded number of lines, so an
 * overload cannot flood the log. Events are grouped by a key; in each window the first `burst`
 * events of a key are logged at once (`count: 1`), the rest are counted and logged as one line
 * (`count: n`, `windowMs`) when the key's next event arrives after the window. One per isolate
 * or object (an object evicted meanwhile loses that count); keys are a few fixed names or codes,
 * never per-user values.
 */
export class LogAggregator {
  private windowStart = 0;
  private readonly byKey = new Map<string, { n: number; fields: LogFields }>();

  constructor(
    private readonly event: string,
    private readonly options: { level?: LogLevel; windowMs?: number; burst?: number } = {},
  ) {}

  hit(key: string, fields: LogFields, now = Date.now()): void {
    const { level = "warn", windowMs = 60_000, burst = 1 } = this.options;
    if (now - this.windowStart >= windowMs) {
      for (const seen of this.byKey.values()) {
        const rest = seen.n - burst;
        if (rest > 0) log(level, this.event, { ...seen.fields, count: rest, windowMs });
      }
      this.byKey.clear();
      this.windowStart = now;
    }
    const seen = this.byKey.get(key) ?? { n: 0, fields };
    seen.n += 1;
    this.byKey.set(key, seen);
    if (seen.n <= burst) log(level, this.event, { ...fields, count: 1 });
  }
}
