// Writes the app's icons into web/public from icon-svg.ts: the SVGs, and PNGs drawn by headless
// Chromium at each size a manifest, Android, iOS and old browsers ask for.
// Run after changing the drawing: `node web/icons/render.ts` (then commit web/public/icons).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../../e2e/browser.ts";
import {
  adaptiveSvg,
  DARK,
  FULL_BLEED,
  iconSvg,
  LIGHT,
  type Palette,
  ROUNDED,
  type Shape,
} from "./icon-svg.ts";

const PUBLIC = resolve(dirname(fileURLToPath(import.meta.url)), "../public");
const ICONS = join(PUBLIC, "icons");

type Png = { file: string; size: number; palette: Palette; shape: Shape };
const PNGS: Png[] = [
  { file: "icon-192.png", size: 192, palette: LIGHT, shape: ROUNDED },
  { file: "icon-512.png", size: 512, palette: LIGHT, shape: ROUNDED },
  { file: "maskable-192.png", size: 192, palette: LIGHT, shape: FULL_BLEED },
  { file: "maskable-512.png", size: 512, palette: LIGHT, shape: FULL_BLEED },
  { file: "icon-dark-192.png", size: 192, palette: DARK, shape: ROUNDED },
  { file: "icon-dark-512.png", size: 512, palette: DARK, shape: ROUNDED },
  { file: "maskable-dark-512.png", size: 512, palette: DARK, shape: FULL_BLEED },
  // iOS rounds the corners itself and shows transparency as black: full bleed.
  { file: "apple-touch-icon.png", size: 180, palette: LIGHT, shape: FULL_BLEED },
  { file: "favicon-32.png", size: 32, palette: LIGHT, shape: ROUNDED },
];

mkdirSync(ICONS, { recursive: true });
writeFileSync(join(PUBLIC, "favicon.svg"), `${adaptiveSvg()}\n`);
writeFileSync(join(ICONS, "icon.svg"), `${iconSvg(LIGHT, ROUNDED)}\n`);
writeFileSync(join(ICONS, "icon-dark.svg"), `${iconSvg(DARK, ROUNDED)}\n`);
writeFileSync(join(ICONS, "maskable.svg"), `${iconSvg(LIGHT, FULL_BLEED)}\n`);

const { browser, close } = await launch();
try {
  for (const png of PNGS) {
    const page = await browser.newPage({
      viewport: { width: png.size, height: png.size },
      deviceScaleFactor: 1,
    });
    const svg = iconSvg(png.palette, png.shape);
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}img{display:block}</style><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}" width="${png.size}" height="${png.size}">`,
    );
    await page.locator("img").evaluate((img: HTMLImageElement) => img.decode());
    writeFileSync(join(ICONS, png.file), await page.screenshot({ omitBackground: true }));
    await page.close();
    console.log(`icons: ${png.file} (${png.size} px)`);
  }
} finally {
  await close();
}
