// `npm start`: build the web app, then serve it and the API on one port with local storage.
import { join } from "node:path";
import { buildTimeDefine } from "./build-time.ts";
import { ensureDevVars } from "./dev-vars.ts";
import { buildWebApp, ROOT, spawnWrangler } from "./local-server.ts";

ensureDevVars(ROOT);
buildWebApp();

const port = process.env.PORT ?? "8787";
const args = [
  "dev",
  "--port",
  port,
  "--persist-to",
  join(ROOT, ".wrangler/state"),
  ...buildTimeDefine(),
];
if (process.env.HOST) args.push("--ip", process.env.HOST);
console.log(`\nParley is starting on http://localhost:${port}\n`);
const server = spawnWrangler(args);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
