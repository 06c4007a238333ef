import { describe, expect, it } from "vitest";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { capture } from "./capture.js";
import { tempDir } from "../temp-dir.js";

let dir: string;
tempDir("actviz-cli-", (d) => (dir = d));

/** Runs `actviz curve ...args --out dir` and expects exit 2, one stderr line matching `message`, no file. */
async function expectUsageError(args: string[], message: RegExp, out = dir) {
  const c = capture();
  const code = await main(["curve", ...args, "--out", out], c.io);
  expect(code).toBe(2);
  const lines = c.stderr().trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^actviz: /);
  expect(lines[0]).toMatch(message);
  expect(c.stderr()).not.toMatch(/\n\s+at /); // no stack trace without --debug
  expect(await readdir(dir)).toEqual(out === dir ? [] : expect.any(Array));
}

describe("actviz curve: every bad value is one line, exit 2, no file", () => {
  it("--range 5,1 (min >= max)", () => expectUsageError(["--fn", "relu", "--range", "5,1"], /--range: '5,1' has MIN >= MAX \(expected MIN < MAX/));
  it("--range 3,3 (min = max)", () => expectUsageError(["--fn", "relu", "--range", "3,3"], /--range: .*MIN >= MAX/));
  it("--range -10 (one number)", () => expectUsageError(["--fn", "relu", "--range", "-10"], /--range: '-10' is not MIN,MAX \(expected two numbers/));
  it("--range a,b (not numbers)", () => expectUsageError(["--fn", "relu", "--range", "a,b"], /--range: 'a,b' is not MIN,MAX/));
  it("--samples 1 (fewer than 2)", () => expectUsageError(["--fn", "relu", "--samples", "1"], /--samples: '1' is not a whole number from 2 to/));
  it("--samples 2.5 (not an integer)", () => expectUsageError(["--fn", "relu", "--samples", "2.5"], /--samples: '2.5' is not a whole number/));
  it("--samples many (not a number)", () => expectUsageError(["--fn", "relu", "--samples", "many"], /--samples: 'many' is not a whole number/));
  it("--fn relu7 (unknown function) suggests the nearest", () => expectUsageError(["--fn", "relu7"], /--fn: unknown function 'relu7' \(did you mean 'relu6?'\? see 'actviz list'\)/));
  it("--fn sigmoud suggests sigmoid", () => expectUsageError(["--fn", "sigmoud"], /did you mean 'sigmoid'/));
  it("no --fn at all", () => expectUsageError([], /--fn: no function given \(expected --fn NAME/));
  it("--param alpha=1 for relu (no such parameter)", () => expectUsageError(["--fn", "relu", "--param", "alpha=1"], /--param alpha: relu has no parameter 'alpha' \(it takes no parameters\)/));
  it("--param beta=1 for elu names elu's parameters", () => expectUsageError(["--fn", "elu", "--param", "beta=1"], /--param beta: elu has no parameter 'beta' \(expected one of alpha\)/));
  it("--param alpha=abc (not numeric)", () => expectUsageError(["--fn", "elu", "--param", "alpha=abc"], /--param alpha: 'abc' is not a number \(expected alpha=NUMBER/));
  it("--param alpha (no value)", () => expectUsageError(["--fn", "elu", "--param", "alpha"], /--param: 'alpha' is not NAME=VALUE/));
  it("--param approximate=fast (not a choice)", () => expectUsageError(["--fn", "gelu", "--param", "approximate=fast"], /--param approximate: 'fast' is not a value of approximate \(expected one of none, tanh\)/));
  it("--format gif (unknown format)", () => expectUsageError(["--fn", "relu", "--format", "gif"], /--format: 'gif' is not allowed \(expected one of png, svg, pdf, csv, json\)/));
  it("--width 0", () => expectUsageError(["--fn", "relu", "--width", "0"], /--width: '0' is not a whole number from 64/));
  it("--scale -1", () => expectUsageError(["--fn", "relu", "--scale", "-1"], /--scale: '-1' is not a number above 0/));
  it("--saturation -0.1", () => expectUsageError(["--fn", "relu", "--saturation=-0.1"], /--saturation: '-0.1' is not a positive number/));
  it("--theme blue", () => expectUsageError(["--fn", "relu", "--theme", "blue"], /--theme.*blue.*(light|dark)/));
  it("--font pointing at a missing file", () => expectUsageError(["--fn", "relu", "--font", "/no/such/font.ttf"], /^actviz: --font \/no\/such\/font\.ttf: no such file \(expected a TrueType or OpenType font/));

  it("--font missing creates no --out directory", async () => {
    const out = join(dir, "never");
    const c = capture();
    expect(await main(["curve", "--fn", "relu", "--font", "/no/such/font.ttf", "--out", out], c.io)).toBe(2);
    expect(await readdir(dir)).toEqual([]);
  });
  it("an unknown flag", () => expectUsageError(["--fn", "relu", "--colour", "red"], /unknown option '--colour'/));

  it("--out pointing at a file (unwritable)", async () => {
    const file = join(dir, "file");
    await writeFile(file, "x");
    const c = capture();
    expect(await main(["curve", "--fn", "relu", "--out", file], c.io)).toBe(2);
    expect(c.stderr()).toMatch(/^actviz: --out: cannot write to '.*file'.*\(expected a writable directory\)\n$/);
    expect(await readdir(dir)).toEqual(["file"]);
  });

  it("--out - with several outputs", async () => {
    const c = capture();
    expect(await main(["curve", "--fn", "relu,tanh", "--format", "csv", "--out", "-"], c.io)).toBe(2);
    expect(c.stderr()).toMatch(/^actviz: --out -: this run makes 2 files \(expected exactly one output/);
    expect(c.stdout()).toBe("");
  });

  it("--out - refuses PNG bytes to a terminal", async () => {
    const c = capture(true);
    expect(await main(["curve", "--fn", "relu", "--out", "-"], c.io)).toBe(2);
    expect(c.stderr()).toMatch(/refusing to write binary image data to a terminal/);
    expect(c.stdout()).toBe("");
  });
});
