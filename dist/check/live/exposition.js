import { addSeries } from "./inventory.js";
const TYPES = /* @__PURE__ */ new Set(["counter", "gauge", "histogram", "gaugehistogram", "summary", "info", "stateset", "unknown"]);
const NAME_START = /[A-Za-z_:]/;
const NAME_CHAR = /[A-Za-z0-9_:]/;
function parseExposition(text) {
  const types = /* @__PURE__ */ new Map();
  const samples = [];
  const errors = [];
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") return;
    if (line.startsWith("#")) {
      const m = /^#\s+TYPE\s+(\S+)\s+(\S+)\s*$/.exec(line);
      if (m) {
        const type = m[2].toLowerCase();
        types.set(unquote(m[1]), TYPES.has(type) ? type : "unknown");
      }
      return;
    }
    try {
      samples.push(parseSample(line));
    } catch (err) {
      errors.push({ line: i + 1, message: err.message });
    }
  });
  const series = /* @__PURE__ */ new Map();
  for (const s of samples) addSeries(series, s.name, s.labels, types);
  return { series, types, errors, samples: samples.length };
}
function inventoryFromExposition(text, source, targetLabels = []) {
  const parsed = parseExposition(text);
  return { ...parsed, source, targetLabels: /* @__PURE__ */ new Set(["job", "instance", ...targetLabels]) };
}
function unquote(name) {
  return name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1).replace(/\\(.)/g, "$1") : name;
}
class Cursor {
  constructor(text) {
    this.text = text;
  }
  text;
  i = 0;
  peek() {
    return this.text[this.i];
  }
  skipSpaces() {
    while (this.text[this.i] === " " || this.text[this.i] === "	") this.i++;
  }
  fail(message) {
    throw new Error(`${message} at column ${this.i + 1}`);
  }
  name(what) {
    const start = this.i;
    if (!NAME_START.test(this.text[this.i] ?? "")) this.fail(`expected a ${what}`);
    while (NAME_CHAR.test(this.text[this.i] ?? "")) this.i++;
    return this.text.slice(start, this.i);
  }
  quoted() {
    if (this.text[this.i] !== '"') this.fail("expected a quoted label value");
    let out = "";
    for (this.i++; this.i < this.text.length; this.i++) {
      const c = this.text[this.i];
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === "\\") {
        const next = this.text[++this.i];
        out += next === "n" ? "\n" : next ?? "";
      } else out += c;
    }
    return this.fail("unterminated label value");
  }
}
function parseSample(line) {
  const c = new Cursor(line);
  let name;
  if (c.peek() !== "{") name = c.name("metric name");
  const labels = [];
  if (c.peek() === "{") {
    c.i++;
    c.skipSpaces();
    while (c.peek() !== "}") {
      if (c.peek() === void 0) c.fail('"{" is never closed');
      const key = c.peek() === '"' ? c.quoted() : c.name("label name");
      c.skipSpaces();
      if (c.peek() === "=") {
        c.i++;
        c.skipSpaces();
        labels.push([key, c.quoted()]);
      } else if (name === void 0) name = key;
      else c.fail(`expected "=" after label ${key}`);
      c.skipSpaces();
      if (c.peek() === ",") {
        c.i++;
        c.skipSpaces();
      } else if (c.peek() !== "}") c.fail('expected "," or "}"');
    }
    c.i++;
  }
  if (name === void 0) c.fail("sample without a metric name");
  if (c.peek() !== " " && c.peek() !== "	") c.fail("expected a space before the value");
  c.skipSpaces();
  const value = /^\S+/.exec(line.slice(c.i))?.[0];
  if (value === void 0 || !/^([+-]?Inf|NaN|[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$/i.test(value))
    c.fail(`"${value ?? ""}" is not a sample value`);
  return { name, labels };
}
export {
  inventoryFromExposition,
  parseExposition
};
