/** Reported by /api/health; bump with releases. */
export const APP_VERSION = "0.1.0";

// Replaced at bundle time by `--define BUILD_TIME:"…"` (scripts/build-time.ts); absent in tests.
declare const BUILD_TIME: string | undefined;
export const BUILT_AT: string | null = typeof BUILD_TIME === "string" ? BUILD_TIME : null;
