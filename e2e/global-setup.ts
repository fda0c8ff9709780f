import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { type LocalServer, ROOT, startServer } from "../scripts/local-server.ts";
import { chromiumPath } from "./browser.ts";

let server: LocalServer | undefined;

/** Lines of a server log that mean something went wrong inside: uncaught errors, stacks. */
const TROUBLE = /Uncaught|"level":"error"|^\s+at \S+ \(|\[ERROR\]/;

export async function setup(project: TestProject) {
  chromiumPath(); // fail fast, with instructions, when there is no browser
  server = await startServer();
  project.provide("baseURL", server.url);
}

/** Stops the server; fails the run if anything the tests did made it log an error. */
export async function teardown() {
  const log = server?.output() ?? "";
  await server?.stop();
  const dir = join(ROOT, "test-results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "e2e-server.log"), log);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colours
  const plain = log.replace(/\x1b\[[0-9;]*m/g, "");
  const trouble = plain.split("\n").filter((line) => TROUBLE.test(line));
  if (trouble.length > 0) {
    throw new Error(
      `The server logged ${trouble.length} error line(s) during the browser tests ` +
        `(test-results/e2e-server.log):\n${trouble.slice(0, 20).join("\n")}`,
    );
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}
