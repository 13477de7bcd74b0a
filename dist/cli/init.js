import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { builtinProfiles } from "../config/profiles.js";
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PUBLIC_ENTRY = {
  "../src/index.js": "dac",
  "../src/dashboards/index.js": "dac/dashboards",
  "../src/rules/api.js": "dac/rules",
  "../src/slo/names.js": "dac/rules",
  "../src/slo/windows.js": "dac/rules"
};
function toPublicImports(source, file) {
  return source.replace(/from '(\.\.\/src\/[^']+)'/g, (whole, spec) => {
    const entry = PUBLIC_ENTRY[spec];
    if (!entry) throw new Error(`${file} imports ${spec}, which no public entry point exports`);
    return `from '${entry}'`;
  });
}
function configText(o) {
  return `import { defineConfig } from 'dac';

/** The services this project monitors; every dashboard and rule module is built for each. */
export default defineConfig({
  grafanaUrl: 'http://localhost:3000',
  services: [
    {
      name: ${JSON.stringify(o.name)},
      title: ${JSON.stringify(o.title)},
      selector: { job: ${JSON.stringify(o.job)} },
      profile: ${JSON.stringify(o.profile)},
      thresholds: { latencyP95Seconds: 0.5, latencyP99Seconds: 1, errorRatioWarning: 0.01, errorRatioCritical: 0.05 },
      slos: [
        { name: 'availability', kind: 'availability', objective: 99.9, period: '30d' },
        { name: 'latency', kind: 'latency', objective: 99, period: '30d', thresholdSeconds: 0.5 },
      ],
      runbookBaseUrl: 'https://runbooks.example.com/${o.name}',
      grafanaFolder: ${JSON.stringify(o.title)},
    },
  ],
});
`;
}
function initProject(o) {
  const root = path.resolve(o.dir);
  if (!/^[a-z][a-z0-9-]{0,23}$/.test(o.name)) throw new InitError(`--name "${o.name}" must be 1-24 lower-case letters, digits and dashes`);
  if (!builtinProfiles[o.profile]) throw new InitError(`--profile "${o.profile}" is not one of ${Object.keys(builtinProfiles).join(", ")}`);
  const planned = [["dac.config.ts", configText(o)]];
  for (const folder of ["dashboards", "rules"]) {
    for (const file of readdirSync(path.join(packageRoot, folder)).filter((f) => f.endsWith(".ts")).sort()) {
      const rel = `${folder}/${file}`;
      planned.push([rel, toPublicImports(readFileSync(path.join(packageRoot, rel), "utf8"), rel)]);
    }
  }
  const pkgFile = path.join(root, "package.json");
  if (!existsSync(pkgFile)) {
    const pkg = {
      name: `${o.name}-monitoring`,
      private: true,
      type: "module",
      scripts: { build: "dac build", check: "dac build --check && dac validate" }
    };
    planned.push(["package.json", `${JSON.stringify(pkg, null, 2)}
`]);
  } else if (JSON.parse(readFileSync(pkgFile, "utf8")).type !== "module") {
    throw new InitError('package.json has no "type": "module": add it, since dac definitions are ES modules');
  }
  const existing = planned.filter(([rel]) => existsSync(path.join(root, rel))).map(([rel]) => rel);
  if (existing.length > 0 && !o.force)
    throw new InitError(`${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""}: pass --force to overwrite`);
  for (const [rel, text] of planned) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return planned.map(([rel]) => rel);
}
class InitError extends Error {
}
function registerInitCommand(program) {
  program.command("init").description("start a project: dac.config.ts with one service, and editable copies of the built-in dashboards and rules").argument("[dir]", "project folder", ".").requiredOption("--name <name>", "service name: lower-case letters, digits and dashes").option("--title <title>", "human title of the service (default: the name)").option("--job <job>", "Prometheus job label of the service (default: the name)").option("--profile <profile>", `metric profile: ${Object.keys(builtinProfiles).join(", ")}`, "fastapi-instrumentator").option("--force", "overwrite files that exist").addHelpText("after", '\nExample:\n  $ npx dac init --name orders --title "Orders API" --job orders --profile flask-exporter\n').action((dir, opts) => {
    try {
      const files = initProject({
        dir,
        name: opts.name,
        title: opts.title ?? opts.name,
        job: opts.job ?? opts.name,
        profile: opts.profile,
        force: opts.force
      });
      process.stdout.write(`wrote ${files.join(", ")}
next: npx dac build, then commit the definitions with out/
`);
    } catch (err) {
      if (!(err instanceof InitError)) throw err;
      process.stderr.write(`error: ${err.message}
`);
      process.exitCode = 2;
    }
  });
}
export {
  InitError,
  initProject,
  registerInitCommand,
  toPublicImports
};
