import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import ts from "typescript";
import { buildBot } from "../test/helpers/buildBot.js";

const root = new URL("..", import.meta.url).pathname;

/**
 * Compiles `script` for plain Node, as `npm start` runs the bot: the bot with its build
 * (`npm run build`, into dist/), a TypeScript file under bench/ transpiled on its own into
 * node_modules/.cache (where it still finds the packages). Returns the compiled file's path
 * from the repository's root.
 */
export function compiled(script: string): string {
  if (script.startsWith("src/")) {
    buildBot();
    return script.replace(/^src\//, "dist/").replace(/\.ts$/, ".js");
  }
  const output = join("node_modules", ".cache", "discord-serial-bench", basename(script, ".ts"));
  const source = readFileSync(join(root, script), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023 },
  });
  mkdirSync(join(root, dirname(output)), { recursive: true });
  writeFileSync(join(root, `${output}.mjs`), outputText);
  return `${output}.mjs`;
}
