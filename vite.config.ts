import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { bootScript } from "./web/vite/boot-script-plugin.ts";
import { serviceWorker } from "./web/vite/service-worker-plugin.ts";

// The web app. In `npm run dev` (scripts/dev.ts) Vite serves it and proxies /api, sockets
// included, to the Worker running in wrangler; `npm start` builds it into web/dist instead,
// with the service worker (`/sw.js`) that precaches that build.
export default defineConfig({
  root: "web",
  plugins: [
    react(),
    bootScript("web/src/boot.ts", { preload: "/src/routes/Room.tsx" }),
    serviceWorker({ source: "web/src/sw/service-worker.ts", publicDir: "web/public" }),
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
  },
  server: {
    proxy: process.env.PARLEY_API
      ? { "/api": { target: process.env.PARLEY_API, ws: true } }
      : undefined,
  },
});
