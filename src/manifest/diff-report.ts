import { posix } from "node:path";
import { pixelDiff } from "./compare-file.js";

/** A stale or missing file of `render --check`: what is on disk (none when missing) and what the code draws. */
export interface StaleFile {
  /** Relative to the manifest's folder, '/'-separated. */
  path: string;
  status: "stale" | "missing";
  expected?: Uint8Array;
  actual: Uint8Array;
}

/** A file of the diff report, relative to its folder. */
export interface ReportFile {
  path: string;
  data: Uint8Array | string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const href = (p: string) => p.split("/").map(encodeURIComponent).join("/");

/**
 * The files `render --check --diff DIR` writes for a reviewer (pytest-mpl's summary page is the
 * model): for each stale file, the committed one as `<name>.expected.<ext>` and the new one as
 * `<name>.actual.<ext>` at its path under DIR, for a PNG of the same size a `<name>.diff.png`
 * (pixelmatch: changed pixels red, anti-aliased ones yellow, over a faded copy), and `index.html`
 * showing them side by side, every link relative to it.
 */
export async function diffReport(files: readonly StaleFile[]): Promise<ReportFile[]> {
  const out: ReportFile[] = [];
  const rows: string[] = [];
  for (const f of files) {
    const ext = posix.extname(f.path);
    const stem = f.path.slice(0, f.path.length - ext.length);
    const expected = f.expected ? `${stem}.expected${ext}` : undefined;
    const actual = `${stem}.actual${ext}`;
    if (f.expected) out.push({ path: expected!, data: f.expected });
    out.push({ path: actual, data: f.actual });
    let diff: string | undefined;
    let note = "";
    if (f.expected && /\.png$/i.test(f.path)) {
      const made = await pixelDiff(f.expected, f.actual, true);
      if (typeof made === "string") note = made;
      else {
        diff = `${stem}.diff.png`;
        out.push({ path: diff, data: made.png! });
        note = `${made.differing} of ${made.pixels} pixels differ`;
      }
    }
    const cell = (p: string | undefined, what: string) =>
      p === undefined ? `<td class="none">${what}</td>` : /\.(png|svg)$/i.test(p) ? `<td><a href="${esc(href(p))}"><img src="${esc(href(p))}" alt="${esc(`${what}: ${f.path}`)}"></a></td>` : `<td><a href="${esc(href(p))}">${esc(posix.basename(p))}</a></td>`;
    rows.push(`<tr><th colspan="3"><code>${esc(f.path)}</code> ${f.status}${note ? ` · ${esc(note)}` : ""}</th></tr>\n<tr>${cell(expected, f.expected ? "expected" : "no committed file")}${cell(actual, "actual")}${cell(diff, /\.png$/i.test(f.path) ? "no diff image" : "")}</tr>`);
  }
  out.push({ path: "index.html", data: page(files.length, rows) });
  return out;
}

function page(count: number, rows: readonly string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>actviz render --check: ${count} stale</title>
<style>
:root { color-scheme: light dark; }
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th { text-align: left; padding: 1rem 0 .25rem; font-weight: normal; }
td { vertical-align: top; padding: .25rem .5rem .25rem 0; width: 33%; }
td img { max-width: 100%; height: auto; border: 1px solid #8884; }
td.none { color: #888; font-style: italic; }
thead th { font-weight: bold; padding-top: 0; }
</style>
</head>
<body>
<h1>${count} stale or missing ${count === 1 ? "file" : "files"}</h1>
<p>Made by <code>actviz render --check --diff</code>: what is committed, what the code draws now, and their difference (red: changed pixels; yellow: anti-aliased edges, not counted).</p>
<table>
<thead><tr><th>expected (committed)</th><th>actual (drawn now)</th><th>diff</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
</body>
</html>
`;
}
