import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type LocalServer, startServer } from "../scripts/local-server.ts";
import { launch } from "./browser.ts";

/**
 * For a spec file that stops its own server and starts it again (an outage, a crash): one
 * Chromium, and storage that outlives each restart on the same port.
 */
export function restartableServerPerFile(name: string) {
  const state = mkdtempSync(join(tmpdir(), `parley-${name}-`));
  let held: Awaited<ReturnType<typeof launch>> | undefined;
  let server: LocalServer | undefined;
  beforeAll(async () => {
    held = await launch();
  });
  afterAll(async () => {
    await held?.close();
    await server?.stop();
    rmSync(state, { recursive: true, force: true });
  });
  return {
    get browser(): Browser {
      if (!held) throw new Error("browser not launched");
      return held.browser;
    },
    get server(): LocalServer | undefined {
      return server;
    },
    /** Starts the server (on `port`: a restart); one left running by a failed try stops first. */
    async start(port?: number): Promise<LocalServer> {
      await server?.stop();
      server = await startServer({ persistTo: state, ...(port === undefined ? {} : { port }) });
      return server;
    },
  };
}
