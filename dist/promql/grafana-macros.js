const DURATION_MACROS = /* @__PURE__ */ new Set(["__rate_interval", "__interval", "__range", "__auto"]);
const NUMBER_MACROS = /* @__PURE__ */ new Set(["__range_s", "__range_ms", "__interval_ms", "__rate_interval_ms", "__from", "__to"]);
const GRAFANA_VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/;
const VARIABLE = new RegExp(GRAFANA_VARIABLE.source, "y");
function grafanaVariables(text) {
  const out = [];
  scan(text, (use) => {
    out.push(use);
  });
  return out;
}
function substituteGrafanaMacros(text) {
  if (!text.includes("$") && !text.includes("[[")) return text;
  let result = "";
  let last = 0;
  scan(text, (use, context) => {
    if (use.inString) return;
    result += text.slice(last, use.from) + placeholder(use.name, use.to - use.from, context);
    last = use.to;
  });
  return result + text.slice(last);
}
function placeholder(name, length, context) {
  if (DURATION_MACROS.has(name) || context === "duration") {
    return length >= 2 ? "1".padStart(length - 1, "0") + "s" : "1";
  }
  if (NUMBER_MACROS.has(name)) return "1".padStart(length, "0");
  return "_".repeat(length - name.length) + name;
}
function scan(text, onUse) {
  let quote;
  let bracketDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\" && quote !== "`") {
        i++;
        continue;
      }
      if (c === quote) {
        quote = void 0;
        continue;
      }
    } else if (c === '"' || c === "'" || c === "`") {
      quote = c;
      continue;
    } else if (c === "[" && text[i + 1] !== "[") {
      bracketDepth++;
    } else if (c === "]") {
      bracketDepth = Math.max(0, bracketDepth - 1);
    }
    if (c !== "$" && !(c === "[" && text[i + 1] === "[")) continue;
    VARIABLE.lastIndex = i;
    const m = VARIABLE.exec(text);
    if (!m) continue;
    const name = m[1] ?? m[2] ?? m[4];
    const afterOffset = /\boffset\s*$/i.test(text.slice(Math.max(0, i - 12), i));
    onUse({ name, from: i, to: i + m[0].length, inString: quote !== void 0 }, bracketDepth > 0 || afterOffset ? "duration" : "other");
    i += m[0].length - 1;
  }
}
export {
  GRAFANA_VARIABLE,
  grafanaVariables,
  substituteGrafanaMacros
};
