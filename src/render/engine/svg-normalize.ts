/**
 * Makes cairo's SVG the same bytes in every process and the intended size in browsers:
 * ids that cairo numbers with a process-wide counter (surface12, clip3, glyph4-1 ...) are
 * renumbered per prefix from 1 in order of first appearance, and the root width/height,
 * written in `pt`, become `px` with a viewBox of the same size.
 */
export function normalizeSvg(svg: string): string {
  const next = new Map<string, number>();
  const renamed = new Map<string, number>();
  const body = svg.replace(/(\bid="|href="#|url\(#)([A-Za-z][A-Za-z_-]*?)(\d+)/g, (_all, lead: string, prefix: string, num: string) => {
    const key = `${prefix}${num}`;
    let n = renamed.get(key);
    if (n === undefined) {
      n = (next.get(prefix) ?? 0) + 1;
      next.set(prefix, n);
      renamed.set(key, n);
    }
    return `${lead}${prefix}${n}`;
  });
  return body.replace(/<svg\b[^>]*>/, pixelSizedRoot);
}

function pixelSizedRoot(tag: string): string {
  const size = (name: string) => new RegExp(`\\s${name}="([0-9.]+)(?:pt|px)?"`).exec(tag)?.[1];
  const width = size("width");
  const height = size("height");
  if (width === undefined || height === undefined) return tag;
  let out = tag
    .replace(/(\swidth=")[0-9.]+(?:pt|px)?"/, `$1${width}px"`)
    .replace(/(\sheight=")[0-9.]+(?:pt|px)?"/, `$1${height}px"`);
  if (!/\sviewBox="/.test(out)) out = out.replace(/^<svg\b/, `<svg viewBox="0 0 ${width} ${height}"`);
  return out;
}
