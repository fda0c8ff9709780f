import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Plugin } from "vite";

/**
 * Not part of the shell: host files, source maps, the worker itself, and the install icons
 * (the browser fetches those when installing; the page only needs favicon.svg).
 */
const NOT_PRECACHED = [/^_headers$/, /^_redirects$/, /\.map$/, /^sw\.js$/, /^icons\//];

/**
 * Builds `web/src/sw/service-worker.ts` into `/sw.js` (a fixed name: the browser checks it for
 * updates) and writes in front of it the build's precache list and a version that changes
 * whenever any precached file does (so a rebuild with a change installs a new worker and the
 * app offers the update). Builds only: `npm run dev` has no service worker.
 */
export function serviceWorker(opts: { source: string; publicDir: string }): Plugin {
  let ref = "";
  return {
    name: "parley-service-worker",
    apply: "build",
    // After Vite has emitted index.html, which is part of the shell.
    enforce: "post",
    buildStart() {
      ref = this.emitFile({ type: "chunk", id: opts.source, fileName: "sw.js" });
    },
    generateBundle(_options, bundle) {
      const entries: [string, string | Uint8Array][] = [];
      for (const file of Object.values(bundle)) {
        if (NOT_PRECACHED.some((re) => re.test(file.fileName))) continue;
        entries.push([file.fileName, file.type === "chunk" ? file.code : file.source]);
      }
      for (const file of publicFiles(opts.publicDir)) {
        if (NOT_PRECACHED.some((re) => re.test(file))) continue;
        entries.push([file, readFileSync(join(opts.publicDir, file))]);
      }
      entries.sort(([a], [b]) => a.localeCompare(b));
      const hash = createHash("sha256");
      for (const [name, content] of entries) hash.update(name).update("\0").update(content);
      const precache = {
        version: hash.digest("hex").slice(0, 16),
        files: entries.map(([name]) => (name === "index.html" ? "/" : `/${name}`)),
      };
      const sw = bundle[this.getFileName(ref)];
      if (sw?.type !== "chunk") throw new Error("service worker chunk missing from the bundle");
      sw.code = `self.__PARLEY_PRECACHE__=${JSON.stringify(precache)};\n${sw.code}`;
    },
  };
}

function publicFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split("\\").join("/"));
    }
  };
  walk(dir);
  return out;
}
