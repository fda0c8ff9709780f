/** wrangler arguments that stamp the Worker bundle with its build time (GET /api/health). */
export function buildTimeDefine(now = new Date()): string[] {
  return ["--define", `BUILD_TIME:${JSON.stringify(now.toISOString())}`];
}
