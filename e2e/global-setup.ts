import type { TestProject } from "vitest/node";
import { type LocalServer, startServer } from "../scripts/local-server.ts";
import { chromiumPath } from "./browser.ts";

let server: LocalServer | undefined;

export async function setup(project: TestProject) {
  chromiumPath(); // fail fast, with instructions, when there is no browser
  server = await startServer();
  project.provide("baseURL", server.url);
}

export async function teardown() {
  await server?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}
