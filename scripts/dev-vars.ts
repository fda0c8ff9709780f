import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Local secrets live in .dev.vars (git-ignored). On a fresh clone there is none, so the first run
 * writes one with a random session secret: `npm start` works without any setup, and no secret is
 * ever committed.
 */
export function ensureDevVars(root: string): void {
  const file = resolve(root, ".dev.vars");
  if (existsSync(file) && /^SESSION_SECRET=.{32,}$/m.test(readFileSync(file, "utf8"))) return;
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(
    file,
    `${existing}${existing && !existing.endsWith("\n") ? "\n" : ""}# Created on first run; keep it out of git.\nSESSION_SECRET=${secret}\n`,
    { mode: 0o600 },
  );
  console.log("Created .dev.vars with a random SESSION_SECRET for local use.");
}
