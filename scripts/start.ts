// `npm start`: build the web app, then serve it and the API on one port with local storage.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildTimeDefine } from "./build-time.ts";
import { ensureDevVars } from "./dev-vars.ts";
import { ROOT, spawnWrangler } from "./local-server.ts";

ensureDevVars(ROOT);
const build = spawnSync(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build"], {
  cwd: ROOT,
  stdio: "inherit",
});
if (build.status !== 0) process.exit(build.status ?? 1);

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
