// `npm run start:pages`: the web app as a Cloudflare Pages project (pages/), with the chat Worker
// beside it in one `wrangler pages dev`; /api/* reaches the Worker through the Pages Function's
// service binding, as in production. Same port and storage as `npm start`.
import { join } from "node:path";
import { ensureDevVars } from "./dev-vars.ts";
import { buildWebApp, PAGES_DEV, ROOT, spawnWrangler } from "./local-server.ts";

ensureDevVars(ROOT);
buildWebApp();

const port = process.env.PORT ?? "8787";
const args = [...PAGES_DEV, "--port", port, "--persist-to", join(ROOT, ".wrangler/state")];
if (process.env.HOST) args.push("--ip", process.env.HOST);
console.log(`\nParley (Pages + Worker) is starting on http://localhost:${port}\n`);
const server = spawnWrangler(args, { cwd: join(ROOT, "pages") });
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
