// Builds plain JS copies of src/render (and what the child script needs) so a separate
// `node` process can run them: Node 20 cannot run TypeScript. Type-stripping only, no checks.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Transpiles into `outDir` (inside the repo, so node_modules resolves); returns the child script path. */
export function transpileForChild(outDir: string): string {
  const sources = [
    join(ROOT, "src", "errors.ts"),
    join(ROOT, "src", "test-seams.ts"),
    ...readdirSync(join(ROOT, "src", "render"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).map((f) => join(ROOT, "src", "render", f)),
    join(ROOT, "test", "render", "support", "charts.ts"),
    join(ROOT, "test", "render", "support", "render-child.ts"),
  ];
  for (const file of sources) {
    const js = ts.transpileModule(readFileSync(file, "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const dest = join(outDir, relative(ROOT, file)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, js);
  }
  writeFileSync(join(outDir, "package.json"), '{ "type": "module" }\n');
  return join(outDir, "test", "render", "support", "render-child.js");
}
