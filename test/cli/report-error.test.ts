import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { formatError, oneLine } from "../../src/cli/report-error.js";

describe("formatError(err): every error is one stderr line", () => {
  it("a name a file brought in with a line break, a tab or an escape is written with escapes, not broken over lines", () => {
    const err = new InputError("dump.h5: no dataset 'acts' (the file holds 'layer\n1', 'a\tb', 'c\r', '\u001b[31mred') (expected --key naming one)", "E_KEY");
    const { line, exitCode } = formatError(err, false);
    expect(line).toBe("actviz: dump.h5: no dataset 'acts' (the file holds 'layer\\n1', 'a\\tb', 'c\\r', '\\u001b[31mred') (expected --key naming one)");
    expect(line.includes("\n")).toBe(false);
    expect(exitCode).toBe(2);
  });

  it("a bug's message too, with the hint to rerun with --debug", () => {
    const { line, exitCode } = formatError(new Error("bad\nthing"), false);
    expect(line).toBe("actviz: internal error: bad\\nthing (run with --debug for the stack trace; this is a bug, please report it)");
    expect(exitCode).toBe(70);
  });

  it("oneLine leaves printable text, quotes and non-ASCII as they are", () => {
    expect(oneLine("relu.png: 'ß' → \"x\" \\ ok")).toBe("relu.png: 'ß' → \"x\" \\ ok");
  });
});
