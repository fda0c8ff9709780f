import type { Plugin } from "vite";

/**
 * Builds `entry` as a script of its own and puts it in index.html ahead of the app's bundle.
 * Vite folds every module script of a page into one entry, so a small script that must run
 * before the big one has parsed (the page's first requests, web/src/boot.ts) needs this. In
 * `npm run dev` the app imports the same module itself, a little later.
 */
export function bootScript(entry: string): Plugin {
  return {
    name: "parley-boot-script",
    apply: "build",
    // After Vite has written index.html.
    enforce: "post",
    options(options) {
      const input = options.input;
      const inputs =
        typeof input === "string" ? { index: input } : Array.isArray(input) ? {} : input;
      return { ...options, input: { ...inputs, boot: entry } };
    },
    generateBundle(_options, bundle) {
      const boot = Object.values(bundle).find(
        (f) => f.type === "chunk" && f.isEntry && f.name === "boot",
      );
      const html = bundle["index.html"];
      if (boot?.type !== "chunk" || html?.type !== "asset")
        throw new Error("boot script or index.html missing");
      const preload = boot.imports.map(
        (f) => `<link rel="modulepreload" crossorigin href="/${f}">`,
      );
      const tag = `<script type="module" crossorigin src="/${boot.fileName}"></script>`;
      const source = String(html.source);
      const at = source.indexOf('<script type="module"');
      if (at < 0) throw new Error("index.html has no module script");
      html.source = `${source.slice(0, at)}${tag}\n    ${preload.join("\n    ")}${preload.length ? "\n    " : ""}${source.slice(at)}`;
    },
  };
}
