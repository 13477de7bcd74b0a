import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
const require2 = createRequire(import.meta.url);
function cacheDir() {
  if (process.env.DAC_CACHE_DIR) return process.env.DAC_CACHE_DIR;
  return path.join(path.dirname(require2.resolve("ajv/package.json")), "..", ".cache", "dac");
}
function ajvVersion() {
  try {
    return require2("ajv/package.json").version;
  } catch {
    return "unknown";
  }
}
function compileCached(schemas, options) {
  const names = Object.keys(schemas).sort();
  const key = createHash("sha256").update(JSON.stringify([ajvVersion(), options, names.map((n) => [n, schemas[n]])])).digest("hex").slice(0, 16);
  const file = path.join(cacheDir(), `validators-${key}.cjs`);
  try {
    return require2(file);
  } catch {
  }
  const { Ajv } = require2("ajv");
  const standaloneCode = require2("ajv/dist/standalone/index.js");
  const ajv = new Ajv({ ...options, code: { ...options.code, source: true } });
  for (const n of names) ajv.addSchema(schemas[n], n);
  const validators = Object.fromEntries(names.map((n) => [n, ajv.getSchema(n)]));
  try {
    const code = standaloneCode(ajv, Object.fromEntries(names.map((n) => [n, n])));
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  } catch {
  }
  return validators;
}
export {
  compileCached
};
