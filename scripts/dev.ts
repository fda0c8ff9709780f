// `npm run dev`: the Worker in wrangler (workerd) behind Vite's dev server, one port, UI hot reload.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "vite";
import { ensureDevVars } from "./dev-vars.ts";
import { freePort, ROOT, spawnWrangler } from "./local-server.ts";

ensureDevVars(ROOT);
// wrangler wants the assets folder to exist; Vite serves the real pages in dev.
const dist = join(ROOT, "web/dist");
if (!existsSync(dist)) {
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>Parley</title>");
}

const apiPort = await freePort();
const worker = spawnWrangler([
  "dev",
  "--ip",
  "127.0.0.1",
  "--port",
  String(apiPort),
  "--persist-to",
  join(ROOT, ".wrangler/state"),
]);
process.env.PARLEY_API = `http://127.0.0.1:${apiPort}`;

const port = Number(process.env.PORT ?? 8787);
const vite = await createServer({
  configFile: join(ROOT, "vite.config.ts"),
  server: { port, strictPort: true },
});
await vite.listen();
vite.printUrls();

const stop = async () => {
  worker.kill("SIGTERM");
  await vite.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
worker.on("exit", (code) => {
  console.error(`wrangler exited (${code})`);
  void vite.close().then(() => process.exit(code ?? 1));
});
