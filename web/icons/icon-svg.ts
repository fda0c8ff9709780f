/**
 * Parley's icon, drawn once in a 512 × 512 box: two overlapping speech bubbles, the front one
 * with three "typing" dots. Variants differ only in palette and in how much room the glyph
 * leaves: a maskable icon keeps it inside the centre circle (radius 40 %) that every mask keeps.
 */
export type Palette = {
  /** Background gradient, top left to bottom right. */
  from: string;
  to: string;
  /** The front bubble, the back one (with its opacity), and the dots. */
  front: string;
  back: string;
  backOpacity: number;
  dots: string;
  /** A faint rim, so a dark icon does not melt into a dark background. */
  rim?: string;
};

export const LIGHT: Palette = {
  from: "#6d6ff5",
  to: "#3f36c9",
  front: "#ffffff",
  back: "#ffffff",
  backOpacity: 0.42,
  dots: "#4f46e5",
};

export const DARK: Palette = {
  from: "#2b2c5c",
  to: "#111226",
  front: "#8b8cff",
  back: "#8b8cff",
  backOpacity: 0.38,
  dots: "#14152b",
  rim: "rgb(255 255 255 / 12%)",
};

export type Shape = {
  /** Corner radius of the background; 0 for full-bleed (maskable, Apple touch). */
  radius: number;
  /** Glyph scale around the centre: 1 fills a rounded icon, ~0.78 fits a mask's safe zone. */
  scale: number;
};

export const ROUNDED: Shape = { radius: 112, scale: 1 };
export const FULL_BLEED: Shape = { radius: 0, scale: 0.8 };

/** The glyph, in the 512 box (centre 256, 256). */
function glyph(p: Palette, id: string): string {
  return [
    // Back bubble, up and to the right, its tail pointing down-right.
    `<g fill="${p.back}" fill-opacity="${p.backOpacity}">`,
    `<rect x="206" y="104" width="214" height="168" rx="60"/>`,
    `<path d="M356 252 396 330c3 6-2 10-7 7l-92-61z"/>`,
    `</g>`,
    // Front bubble, cut out of the back one by a ring of the background.
    `<g fill="${p.front}" stroke="url(#${id})" stroke-width="22" paint-order="stroke">`,
    `<rect x="92" y="186" width="258" height="190" rx="68"/>`,
    `</g>`,
    `<path fill="${p.front}" d="M136 350 118 428c-2 8 5 12 11 7l92-70z"/>`,
    `<g fill="${p.dots}">`,
    `<circle cx="160" cy="281" r="20"/><circle cx="221" cy="281" r="20"/><circle cx="282" cy="281" r="20"/>`,
    `</g>`,
  ].join("");
}

function gradient(p: Palette, id: string): string {
  return `<linearGradient id="${id}" x1="0" y1="0" x2="512" y2="512" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="${p.from}"/><stop offset="1" stop-color="${p.to}"/></linearGradient>`;
}

/** One variant as a standalone SVG. */
export function iconSvg(p: Palette, shape: Shape): string {
  const id = "bg";
  const t = 256 * (1 - shape.scale);
  // The glyph's box runs from y 104 to 435: lifted so it sits in the optical centre.
  const lift = 14 * shape.scale;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">`,
    `<title>Parley</title>`,
    `<defs>${gradient(p, id)}</defs>`,
    `<rect width="512" height="512" rx="${shape.radius}" fill="url(#${id})"/>`,
    p.rim && shape.radius > 0
      ? `<rect x="4" y="4" width="504" height="504" rx="${shape.radius - 4}" fill="none" stroke="${p.rim}" stroke-width="8"/>`
      : "",
    `<g transform="translate(${t} ${t - lift}) scale(${shape.scale})">${glyph(p, id)}</g>`,
    `</svg>`,
  ].join("");
}

/** The favicon: the light icon, switching to the dark palette with the system's colour scheme. */
export function adaptiveSvg(): string {
  const light = iconSvg(LIGHT, ROUNDED);
  const dark = iconSvg(DARK, ROUNDED).replaceAll('id="bg"', 'id="bgd"').replaceAll("#bg)", "#bgd)");
  const inner = (svg: string) => svg.replace(/^<svg[^>]*>/, "").replace(/<\/svg>$/, "");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">`,
    `<title>Parley</title>`,
    `<style>.d{display:none}@media (prefers-color-scheme:dark){.l{display:none}.d{display:inline}}</style>`,
    `<g class="l">${inner(light).replace("<title>Parley</title>", "")}</g>`,
    `<g class="d">${inner(dark).replace("<title>Parley</title>", "")}</g>`,
    `</svg>`,
  ].join("");
}
