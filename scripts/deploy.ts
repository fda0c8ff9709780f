// `npm run deploy`: builds the web app and deploys the Worker with it, stamped with its build time.
import { buildTimeDefine } from "./build-time.ts";
import { buildWebApp, runOrExit } from "./local-server.ts";

buildWebApp();
runOrExit("wrangler/bin/wrangler.js", ["deploy", ...buildTimeDefine(), ...process.argv.slice(2)]);
