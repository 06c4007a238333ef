import { describe, expect, it } from "vitest";
import { normalizeSvg } from "../../src/render/engine/svg-normalize.js";

const cairoSvg = (offset: number) => `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400pt" height="250pt" viewBox="0 0 400 250" version="1.1">
<defs>
<g><symbol overflow="visible" id="glyph${offset}-0"><path d="M 1 1 "/></symbol><symbol overflow="visible" id="glyph${offset}-1"><path d="M 2 2 "/></symbol></g>
<clipPath id="clip${offset + 3}"><path d="M 0 0 L 1 1 Z"/></clipPath>
<clipPath id="clip${offset + 1}"><path d="M 0 0 L 2 2 Z"/></clipPath>
</defs>
<g id="surface${offset + 7}">
<g clip-path="url(#clip${offset + 3})"><use xlink:href="#glyph${offset}-1" x="3" y="4"/></g>
<g clip-path="url(#clip${offset + 1})"><use xlink:href="#glyph${offset}-0" x="5" y="6"/></g>
</g>
</svg>
`;

describe("normalizeSvg(svg)", () => {
  it("normalizeSvg(a) = normalizeSvg(b) when a and b differ only in cairo's id counters", () => {
    expect(normalizeSvg(cairoSvg(0))).toBe(normalizeSvg(cairoSvg(41)));
  });

  it("normalizeSvg(svg) numbers each id prefix from 1 in order of first appearance, references included", () => {
    const out = normalizeSvg(cairoSvg(5));
    expect(out).toContain('id="glyph1-0"');
    expect(out).toContain('id="glyph1-1"');
    expect(out).toContain('id="clip1"><path d="M 0 0 L 1 1 Z"/>');
    expect(out).toContain('id="clip2"><path d="M 0 0 L 2 2 Z"/>');
    expect(out).toContain('id="surface1"');
    expect(out).toContain('clip-path="url(#clip1)"><use xlink:href="#glyph1-1"');
    expect(out).toContain('clip-path="url(#clip2)"><use xlink:href="#glyph1-0"');
  });

  it("normalizeSvg(svg) writes the root size in px and keeps the viewBox", () => {
    const root = /<svg\b[^>]*>/.exec(normalizeSvg(cairoSvg(0)))![0];
    expect(root).toContain('width="400px"');
    expect(root).toContain('height="250px"');
    expect(root).toContain('viewBox="0 0 400 250"');
    expect(root).not.toMatch(/\dpt"/);
  });

  it("normalizeSvg(svg without viewBox or units) adds a viewBox of the root size", () => {
    const out = normalizeSvg('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><g id="surface9"/></svg>');
    expect(out).toBe('<svg viewBox="0 0 30 20" xmlns="http://www.w3.org/2000/svg" width="30px" height="20px"><g id="surface1"/></svg>');
  });

  it("normalizeSvg(normalizeSvg(svg)) = normalizeSvg(svg)", () => {
    const once = normalizeSvg(cairoSvg(3));
    expect(normalizeSvg(once)).toBe(once);
  });
});
