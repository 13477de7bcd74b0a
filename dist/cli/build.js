import path from "node:path";
import { compareTrees } from "../emit/compare.js";
import { readTree, recoverTree, writeTree } from "../io/write.js";
import { buildProject } from "../pipeline.js";
import { printDiagnostics } from "./output.js";
async function runBuild(opts) {
  const root = path.resolve(opts.dir);
  const outDir = path.resolve(root, opts.out);
  const { files, diagnostics, model } = await buildProject(root);
  printDiagnostics(diagnostics);
  if (opts.check) {
    for (const w of recoverTree(outDir)) process.stderr.write(`warning: ${w}
`);
    const changes = compareTrees(files, readTree(outDir));
    if (changes.length === 0) {
      process.stdout.write(`out/ is current: ${files.size} files match the definitions.
`);
      return 0;
    }
    for (const c of changes) {
      process.stdout.write(`${c.kind.padEnd(7)} ${path.relative(process.cwd(), path.join(outDir, c.path))}
`);
      if (c.diff) process.stdout.write(`${c.diff.replace(/^/gm, "    ")}
`);
    }
    process.stdout.write(`
out/ is stale: ${changes.length} file(s) differ. Run \`dac build\` and commit out/.
`);
    return 1;
  }
  const result = writeTree(outDir, files, { projectRoot: root });
  for (const w of result.warnings) process.stderr.write(`warning: ${w}
`);
  const summary = `${model.services.length} service(s), ${model.dashboards.length} dashboard(s), ${model.ruleFiles.length} rule file(s)`;
  process.stdout.write(
    result.unchanged ? `out/ already current (${summary}).
` : `wrote ${files.size} files to ${path.relative(process.cwd(), outDir) || "."} (${summary}).
`
  );
  return 0;
}
function registerBuildCommand(program) {
  program.command("build").description("build dashboards, rules and delivery files into out/ (all or nothing)").option("--check", "build in memory and compare with out/: exit 1 listing added, changed and removed files").option("-o, --out <dir>", "output folder, relative to the project", "out").addHelpText(
    "after",
    "\nExamples:\n  $ dac build            write out/\n  $ dac build --check    in CI: fail when out/ is not what the definitions produce\n"
  ).action(async (opts) => {
    process.exitCode = await runBuild({ dir: program.opts().dir, out: opts.out, check: opts.check });
  });
}
export {
  registerBuildCommand,
  runBuild
};
