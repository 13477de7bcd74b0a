import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
let cached;
function pageAssets() {
  cached ??= build();
  return cached;
}
async function build() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const require2 = createRequire(import.meta.url);
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [path.join(here, "client", "main.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    write: false,
    legalComments: "none",
    logLevel: "silent"
  });
  const script = result.outputFiles[0].text;
  const css = readFileSync(path.join(path.dirname(require2.resolve("uplot")), "uPlot.min.css"), "utf8");
  return { script: script.replace(/<\/script/gi, "<\\/script"), css };
}
export {
  pageAssets
};
