import { posix } from "node:path";
import { counted } from "../text/counted.js";

/** One figure of the gallery: how it was made, and its files relative to the manifest's folder. */
export interface GalleryFigure {
  label: string;
  command: string;
  given: Record<string, unknown>;
  files: string[];
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
 * A static page showing every image (PNG, SVG) with a caption: the file's name (the function
 * or the neuron) and the options that made it; other files are links. `pageDir` is the page's
 * folder relative to the manifest's, so links are relative to the page and work from any folder
 * or server. Same figures, same bytes.
 */
export function galleryPage(figures: readonly GalleryFigure[], pageDir: string): string {
  const items = figures.flatMap((f) => {
    const caption = `${f.command}: ${optionsCaption(f.given)}`;
    return f.files.map((file) => {
      const href = posix.relative(pageDir, file).split("/").map(encodeURIComponent).join("/");
      const name = posix.basename(file);
      const stem = name.replace(/\.[^.]+$/, "");
      const body = /\.(png|svg)$/i.test(file)
        ? `<a href="${esc(href)}"><img src="${esc(href)}" alt="${esc(`${stem}: ${caption}`)}" loading="lazy"></a>`
        : `<a class="file" href="${esc(href)}">${esc(name)}</a>`;
      return `<figure${/\.(png|svg)$/i.test(file) ? "" : ' class="file"'}>\n${body}\n<figcaption><b>${esc(stem)}</b> <code>${esc(file)}</code><br>${esc(caption)}</figcaption>\n</figure>`;
    });
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>actviz figures</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #222; background: #fafafa; }
main { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
figure { margin: 0; padding: .75rem; background: #fff; border: 1px solid #ddd; border-radius: 6px; display: table; }
figure img { display: block; }
/* a caption as wide as its image, however long the options */
figcaption { display: table-caption; caption-side: bottom; padding: .5rem .75rem .75rem; background: #fff; border: 1px solid #ddd; border-top: 0; border-radius: 0 0 6px 6px; color: #444; }
figure.file { display: block; max-width: 24rem; }
figure.file figcaption { display: block; border: 0; padding: .5rem 0 0; }
code { color: #666; }
</style>
</head>
<body>
<h1>actviz figures</h1>
<p>${counted(figures.reduce((n, f) => n + f.files.length, 0), "file")} from ${counted(figures.length, "figure")}, made by <code>actviz render</code>.</p>
<main>
${items.join("\n")}
</main>
</body>
</html>
`;
}
