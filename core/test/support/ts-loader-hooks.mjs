// The hooks of ts-loader.mjs (they run on the loader thread).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../../../", import.meta.url);
const aliases = {
  "@cabinet/core": new URL("core/src/index.ts", root).href,
  "@cabinet/migrations": new URL("migrations/index.ts", root).href,
};

export async function resolve(specifier, context, nextResolve) {
  if (aliases[specifier]) return { url: aliases[specifier], shortCircuit: true };
  if (specifier.endsWith(".js") && context.parentURL?.endsWith(".ts")) {
    const candidate = new URL(specifier.replace(/\.js$/, ".ts"), context.parentURL);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

// Compiling every file is seconds of CPU: the output is kept by the source's hash.
const cacheDir = fileURLToPath(new URL("node_modules/.cache/cabinet-ts-loader/", root));
mkdirSync(cacheDir, { recursive: true });

export async function load(url, context, nextLoad) {
  if (!url.endsWith(".ts")) return nextLoad(url, context);
  const source = readFileSync(fileURLToPath(url), "utf8");
  const cached = `${cacheDir}${createHash("sha256").update(url).update(source).digest("hex")}.js`;
  if (existsSync(cached)) return { format: "module", source: readFileSync(cached, "utf8"), shortCircuit: true };
  const { default: ts } = await import("typescript");
  const { outputText } = ts.transpileModule(source, {
    fileName: fileURLToPath(url),
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      sourceMap: false,
      inlineSourceMap: true,
    },
  });
  // Several processes (the nodes of a fleet test) may compile the same file at once: write
  // aside and rename, so none ever reads another's half-written output.
  const partial = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(partial, outputText);
  renameSync(partial, cached);
  return { format: "module", source: outputText, shortCircuit: true };
}
