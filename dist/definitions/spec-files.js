import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DacError } from "../core/diagnostic.js";
const SLO_SPEC_DIR = "rules/slo";
const SPEC_FILE = /^[^._].*\.ya?ml$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });
function badByteAt(bytes) {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      utf8.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  const before = bytes.subarray(0, lo).toString("utf8").split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}
function loadSpecTexts(root) {
  const dir = path.join(root, SLO_SPEC_DIR);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, encoding: "buffer" });
  } catch {
    return [];
  }
  const problems = [];
  const texts = [];
  for (const entry of entries) {
    let name;
    try {
      name = utf8.decode(entry.name);
    } catch {
      problems.push({
        severity: "error",
        check: "load/encoding",
        where: { file: `${SLO_SPEC_DIR}/${entry.name.toString("latin1")}`, path: [] },
        message: "the file name is not UTF-8 (shown here as Latin-1)",
        hint: "rename the file with UTF-8 characters only (plain ASCII is safest): Prometheus and Git tools mangle such names"
      });
      continue;
    }
    if (!SPEC_FILE.test(name) || !entry.isFile()) continue;
    const source = `${SLO_SPEC_DIR}/${name}`;
    const bytes = readFileSync(path.join(dir, name));
    try {
      texts.push({ source, name, text: utf8.decode(bytes) });
    } catch {
      const { line, column } = badByteAt(bytes);
      problems.push({
        severity: "error",
        check: "load/encoding",
        where: { file: source, line, column, path: [] },
        message: "the file is not UTF-8: a byte here is not valid UTF-8 (Latin-1 or Windows-1252 text?)",
        hint: `convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8 ${source} > fixed.yml`
      });
    }
  }
  if (problems.length > 0) throw new DacError(problems);
  return texts.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
export {
  SLO_SPEC_DIR,
  loadSpecTexts
};
