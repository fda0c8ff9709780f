import type { Plugin } from "vite";

/**
 * Builds `entry` as a script of its own and puts it in index.html ahead of the app's bundle.
 * Vite folds every module script of a page into one entry, so a small script that must run
 * before the big one has parsed (the page's first requests, web/src/boot.ts) needs this. In
 * `npm run dev` the app imports the same module itself, a little later.
 *
 * It also tells that script which chunks make up the page `opts.preload` (the room), as
 * `globalThis.__PARLEY_ROOM_CHUNKS__`, so it can start fetching them on that page.
 */
export function bootScript(entry: string, opts: { preload: string }): Plugin {
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
      const page = Object.values(bundle).find(
        (f) => f.type === "chunk" && f.facadeModuleId?.endsWith(opts.preload),
      );
      const early = Object.values(bundle).find(
        (f) => f.type === "chunk" && f.fileName === boot.imports[0],
      );
      if (page?.type !== "chunk" || early?.type !== "chunk") throw new Error("room chunk missing");
      const chunks = [page.fileName, ...page.imports].map((f) => `/${f}`);
      early.code = `globalThis.__PARLEY_ROOM_CHUNKS__=${JSON.stringify(chunks)};\n${early.code}`;
      const source = String(html.source);
      const at = source.indexOf('<script type="module"');
      if (at < 0) throw new Error("index.html has no module script");
      html.source = `${source.slice(0, at)}${tag}\n    ${preload.join("\n    ")}${preload.length ? "\n    " : ""}${source.slice(at)}`;
    },
  };
}
