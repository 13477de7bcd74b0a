const FUNCTIONS = /* @__PURE__ */ new Set([
  "and",
  "or",
  "not",
  "len",
  "index",
  "slice",
  "print",
  "printf",
  "println",
  "html",
  "js",
  "urlquery",
  "call",
  "eq",
  "ne",
  "lt",
  "le",
  "gt",
  "ge",
  "query",
  "first",
  "label",
  "value",
  "strvalue",
  "args",
  "tmpl",
  "safeHtml",
  "match",
  "reReplaceAll",
  "title",
  "toUpper",
  "toLower",
  "stripPort",
  "stripDomain",
  "graphLink",
  "tableLink",
  "sortByLabel",
  "humanize",
  "humanize1024",
  "humanizeDuration",
  "humanizePercentage",
  "humanizeTimestamp",
  "pathPrefix",
  "externalURL",
  "parseDuration",
  "toTime",
  "toDuration",
  "now"
]);
const PREDEFINED = /* @__PURE__ */ new Set(["$", "$labels", "$externalLabels", "$externalURL", "$value"]);
const BLOCK_OPENERS = /* @__PURE__ */ new Set(["if", "range", "with", "define", "block"]);
function parseTemplate(text) {
  const errors = [];
  const labels = [];
  let usesValue = false;
  const declared = new Set(PREDEFINED);
  const blocks = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{{", i);
    if (open < 0) break;
    const close = findClose(text, open + 2);
    if (close < 0) {
      errors.push({ message: 'unclosed action: "{{" without matching "}}"', offset: open });
      break;
    }
    let start = open + 2;
    let end = close;
    if (text[start] === "-" && /\s/.test(text[start + 1] ?? "")) start++;
    if (text[end - 1] === "-" && /\s/.test(text[end - 2] ?? "")) end--;
    const body = text.slice(start, end);
    const action = analyzeAction(body, start, declared);
    errors.push(...action.errors);
    labels.push(...action.labels);
    usesValue ||= action.usesValue;
    const keyword = action.keyword;
    if (keyword && BLOCK_OPENERS.has(keyword)) blocks.push({ keyword, offset: open });
    else if (keyword === "end") {
      if (!blocks.pop()) errors.push({ message: "unexpected {{ end }}: no block is open", offset: open });
    } else if (keyword === "else" && blocks.length === 0) {
      errors.push({ message: "unexpected {{ else }} outside if/range/with", offset: open });
    }
    i = close + 2;
  }
  for (const b of blocks) errors.push({ message: `{{ ${b.keyword} }} is never closed with {{ end }}`, offset: b.offset });
  return { errors, labels, usesValue };
}
function findClose(text, from) {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "`" || c === "'") {
      const q = c;
      i++;
      while (i < text.length && text[i] !== q) {
        if (text[i] === "\\" && q !== "`") i++;
        i++;
      }
      continue;
    }
    if (c === "}" && text[i + 1] === "}") return i;
  }
  return -1;
}
function tokenize(body, base, errors) {
  const tokens = [];
  const re = /\s+|("(?:[^"\\]|\\.)*"?|`[^`]*`?|'(?:[^'\\]|\\.)*'?)|([-+]?\d[\d.eE_xX+-]*)|(\$[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)|((?:\.[A-Za-z0-9_]+)+|\.)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)|(\|)|([()])|(:?=)|(,)|(\/\*[\s\S]*?\*\/)|(.)/gy;
  let m;
  while ((m = re.exec(body)) !== null && m[0] !== "") {
    const offset = base + m.index;
    const t = m[0];
    if (m[1] !== void 0) {
      const q = t[0];
      if (t.length < 2 || t[t.length - 1] !== q) errors.push({ message: `unterminated string ${t.slice(0, 20)}`, offset });
      tokens.push({ kind: "string", text: t, offset });
    } else if (m[2] !== void 0) tokens.push({ kind: "number", text: t, offset });
    else if (m[3] !== void 0) tokens.push({ kind: "variable", text: t, offset });
    else if (m[4] !== void 0) tokens.push({ kind: "field", text: t, offset });
    else if (m[5] !== void 0) tokens.push({ kind: "identifier", text: t, offset });
    else if (m[6] !== void 0) tokens.push({ kind: "pipe", text: t, offset });
    else if (m[7] !== void 0) tokens.push({ kind: "paren", text: t, offset });
    else if (m[8] !== void 0) tokens.push({ kind: "assign", text: t, offset });
    else if (m[9] !== void 0) tokens.push({ kind: "comma", text: t, offset });
    else if (m[10] !== void 0) continue;
    else if (m[11] !== void 0) tokens.push({ kind: "bad", text: t, offset });
  }
  return tokens;
}
const KEYWORDS = /* @__PURE__ */ new Set([
  "if",
  "else",
  "end",
  "range",
  "with",
  "define",
  "block",
  "template",
  "break",
  "continue",
  "nil",
  "true",
  "false"
]);
function analyzeAction(body, base, declared) {
  const errors = [];
  const labels = [];
  let usesValue = false;
  if (/^\s*\/\*[\s\S]*\*\/\s*$/.test(body)) return { errors, labels, usesValue, keyword: void 0 };
  const tokens = tokenize(body, base, errors);
  if (tokens.length === 0) {
    errors.push({ message: "empty action {{ }}", offset: base });
    return { errors, labels, usesValue, keyword: void 0 };
  }
  const first = tokens[0];
  const keyword = first.kind === "identifier" && KEYWORDS.has(first.text) ? first.text : void 0;
  if (keyword === "define" || keyword === "template" || keyword === "block") return { errors, labels, usesValue, keyword };
  let depth = 0;
  let expectOperand = true;
  tokens.forEach((t, idx) => {
    const next = tokens[idx + 1];
    switch (t.kind) {
      case "bad":
        errors.push({ message: `unexpected "${t.text}" in action`, offset: t.offset });
        break;
      case "variable": {
        const [name, ...fields] = t.text.split(".");
        if (next?.kind === "assign" || next?.kind === "comma" && keyword === "range") {
          declared.add(name);
          break;
        }
        if (!declared.has(name)) errors.push({ message: `undefined variable "${name}"`, offset: t.offset });
        if (name === "$value") usesValue = true;
        if (name === "$labels" && fields[0]) labels.push({ name: fields[0], offset: t.offset });
        if (name === "$labels" && fields.length === 0) {
          const prev = tokens[idx - 1];
          if (prev?.text === "index" && next?.kind === "string") labels.push({ name: unquote(next.text), offset: next.offset });
        }
        break;
      }
      case "field": {
        const fields = t.text.split(".").filter(Boolean);
        if (fields[0] === "Value") usesValue = true;
        if (fields[0] === "Labels" && fields[1]) labels.push({ name: fields[1], offset: t.offset });
        break;
      }
      case "identifier": {
        if (KEYWORDS.has(t.text)) {
          if (idx !== 0 && !["nil", "true", "false", "else", "if"].includes(t.text)) {
            errors.push({ message: `"${t.text}" must start the action`, offset: t.offset });
          }
          break;
        }
        const fn = t.text.split(".")[0];
        if (!FUNCTIONS.has(fn)) {
          errors.push({ message: `function "${fn}" not defined`, offset: t.offset });
        }
        break;
      }
      case "paren":
        depth += t.text === "(" ? 1 : -1;
        if (depth < 0) errors.push({ message: 'unexpected ")"', offset: t.offset });
        break;
      case "pipe":
        if (expectOperand) errors.push({ message: 'missing value before "|"', offset: t.offset });
        if (!next || next.kind === "pipe") errors.push({ message: 'missing command after "|"', offset: t.offset });
        else if (next.kind !== "identifier" && next.kind !== "paren") {
          errors.push({ message: `cannot pipe into "${next.text}": a function must follow "|"`, offset: next.offset });
        }
        break;
      default:
        break;
    }
    expectOperand = t.kind === "pipe" || t.kind === "assign" || t.kind === "paren" && t.text === "(";
  });
  if (depth > 0) errors.push({ message: 'unclosed "(" in action', offset: base });
  return { errors, labels, usesValue, keyword };
}
function unquote(s) {
  if (s.startsWith("`")) return s.slice(1, -1);
  try {
    return JSON.parse(s.startsWith("'") ? `"${s.slice(1, -1)}"` : s);
  } catch {
    return s.slice(1, -1);
  }
}
export {
  parseTemplate
};
