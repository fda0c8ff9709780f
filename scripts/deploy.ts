// `npm run deploy`: builds the web app and deploys the Worker with it, stamped with its build time.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildTimeDefine } from "./build-time.ts";
import { ROOT } from "./local-server.ts";

const step = (args: string[]) => {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step([join(ROOT, "node_modules/vite/bin/vite.js"), "build"]);
step([
  join(ROOT, "node_modules/wrangler/bin/wrangler.js"),
  "deploy",
  ...buildTimeDefine(),
  ...process.argv.slice(2),
]);
