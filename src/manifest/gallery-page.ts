import { relative, sep } from "node:path";
import { counted } from "../text/counted.js";

/** One figure of the gallery: how it was made, and its files relative to the manifest's folder. */
export interface GalleryFigure {
  label: string;
  command: string;
  given: Record<string, unknown>;
  files: string[];
  /** The manifest's `caption` for the figure: a sentence for readers. */
  caption?: string;
}

/** Where the page is, and what it is called. */
export interface GalleryPlace {
  /** The manifest's folder and the page's folder, absolute: every link is relative to the page. */
  manifestDir: string;
  pageDir: string;
  /** The manifest's `title`; default "actviz figures". */
  title?: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `{"fn": "relu,tanh", "derivative": true}` -> `fn relu,tanh · derivative`. */
export function optionsCaption(given: Record<string, unknown>): string {
  return Object.entries(given)
    .filter(([k]) => k !== "out" && k !== "quiet")
    .map(([k, v]) => (v === true ? k : `${k} ${Array.isArray(v) ? v.join(",") : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`))
    .join(" · ");
}

/**
 * A figure's heading: its chart title if it has one, else what it draws as the manifest says it
 * (`curve relu,tanh`, `curve all`, `neurons acts.npy: heatmap,summary`), at most 80 characters.
 */
function heading(f: GalleryFigure): string {
  const g = f.given;
  const list = (v: unknown) => (Array.isArray(v) ? v.join(",") : String(v));
  const base = (v: unknown) => String(v).split(/[\\/]/).pop()!;
  const text =
    typeof g.title === "string" && g.title !== "" ? g.title
    : f.command === "curve" ? `curve ${list(g.fn)}`
    : `neurons ${base(g.input)}${g.weights === undefined ? "" : ` through ${base(g.weights)}`}${g.plot === undefined ? "" : `: ${list(g.plot)}`}`;
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** A CSS size of the figure's images: its width and height options, else the commands' defaults. */
function cssSize(f: GalleryFigure): { width: number; height: number } {
  const n = (v: unknown, d: number) => (typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : d);
  return { width: n(f.given.width, 800), height: n(f.given.height, 500) };
}

/**
 * A static page of every figure: an index, then per figure a heading (its title, or what it
 * draws), its caption, the command and options that made it, and its images (PNG, SVG) in a
 * responsive grid, side by side where they fit at their CSS size (a `--scale 2` PNG at half its
 * pixels), never wider than their cell on a narrow screen; other files are links. Every link is relative to the page, wherever it is
 * written, so the folder works as it is, as a CI artifact or on a web server. Light or dark as
 * the reader's system prefers. Same figures, same bytes.
 */
export function galleryPage(figures: readonly GalleryFigure[], place: GalleryPlace): string {
  const link = (file: string) => relative(place.pageDir, `${place.manifestDir}${sep}${file.split("/").join(sep)}`).split(sep).map(encodeURIComponent).join("/");
  const sections = figures.map((f, n) => {
    const how = `${f.command}: ${optionsCaption(f.given)}`;
    const { width, height } = cssSize(f);
    const items = f.files.map((file) => {
      const href = link(file);
      const name = file.slice(file.lastIndexOf("/") + 1);
      const stem = name.replace(/\.[^.]+$/, "");
      if (!/\.(png|svg)$/i.test(file)) return `<li class="file"><a href="${esc(href)}">${esc(name)}</a> <code>${esc(file)}</code></li>`;
      return `<li><figure>\n<a href="${esc(href)}"><img src="${esc(href)}" width="${width}" height="${height}" alt="${esc(`${stem}: ${heading(f)}`)}" loading="lazy"></a>\n<figcaption><b>${esc(stem)}</b> <code>${esc(file)}</code></figcaption>\n</figure></li>`;
    });
    const images = items.filter((i) => !i.startsWith('<li class="file">'));
    const others = items.filter((i) => i.startsWith('<li class="file">'));
    return `<section id="figure-${n + 1}" style="--w: ${width}px">
<h2><a href="#figure-${n + 1}">${esc(heading(f))}</a></h2>
${f.caption ? `<p class="caption">${esc(f.caption)}</p>\n` : ""}<p class="how"><code>${esc(how)}</code></p>
${images.length ? `<ul class="grid">\n${images.join("\n")}\n</ul>\n` : ""}${others.length ? `<ul class="files">\n${others.join("\n")}\n</ul>\n` : ""}</section>`;
  });
  const title = place.title ?? "actviz figures";
  const index = figures.map((f, n) => `<li><a href="#figure-${n + 1}">${esc(heading(f))}</a> <span>(${counted(f.files.length, "file")})</span></li>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
:root { color-scheme: light dark; --bg: #fafafa; --card: #fff; --line: #ddd; --muted: #555; --text: #222; }
@media (prefers-color-scheme: dark) { :root { --bg: #16181c; --card: #1f2227; --line: #353941; --muted: #a6abb3; --text: #e6e8eb; } }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; padding: 1.25rem; max-width: 110rem; color: var(--text); background: var(--bg); overflow-wrap: anywhere; }
h1 { margin: 0 0 .25rem; }
h2 { margin: 2rem 0 .25rem; font-size: 1.2rem; }
h2 a { color: inherit; text-decoration: none; }
nav ol { padding-left: 2rem; columns: 18rem; column-gap: 3rem; }
nav li { break-inside: avoid; }
nav span, .how, figcaption code, .files code { color: var(--muted); }
.caption { margin: .25rem 0; }
.how { margin: .25rem 0 .75rem; font-size: .85rem; }
/* as many cells side by side as fit the images at their CSS width; one, as wide as the page, when none fits */
ul.grid { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, calc(var(--w) + 1.5rem)), 1fr)); }
figure { margin: 0; padding: .75rem; background: var(--card); border: 1px solid var(--line); border-radius: 6px; }
/* the image at its CSS size (hi-dpi PNGs included), never wider than its cell */
figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { padding-top: .5rem; font-size: .85rem; }
ul.files { padding-left: 1.25rem; }
</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p>${counted(figures.reduce((n, f) => n + f.files.length, 0), "file")} from ${counted(figures.length, "figure")}, made by <code>actviz render</code>.</p>
<nav><ol>
${index.join("\n")}
</ol></nav>
</header>
<main>
${sections.join("\n")}
</main>
</body>
</html>
`;
}
