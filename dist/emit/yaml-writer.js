import { stringify } from "yaml";
class Unsupported extends Error {
}
function writeYaml(value) {
  if (typeof value === "object" && value !== null) {
    try {
      return `${node(value, "")}
`;
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
    }
  }
  return stringify(value, { lineWidth: 0, indent: 2, aliasDuplicateObjects: false });
}
const STEP = "  ";
function isPlainObject(v) {
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && typeof v.toJSON !== "function";
}
function node(value, indent) {
  switch (typeof value) {
    case "string":
      return scalarString(value, indent, false);
    case "number":
      if (!Number.isFinite(value)) return Number.isNaN(value) ? ".nan" : value < 0 ? "-.inf" : ".inf";
      return Object.is(value, -0) ? "-0" : JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return String(value);
    case "object":
      if (value === null) return "null";
      if (Array.isArray(value)) return sequence(value, indent);
      if (!isPlainObject(value)) throw new Unsupported();
      return mapping(value, indent);
    default:
      throw new Unsupported();
  }
}
function sequence(items, indent) {
  if (items.length === 0) return "[]";
  const itemIndent = indent + STEP;
  let out = "";
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === void 0) throw new Unsupported();
    out += `${i === 0 ? "" : `
${indent}`}- ${node(item, itemIndent)}`;
  }
  return out;
}
function mapping(obj, indent) {
  let out = "";
  let first = true;
  const valueIndent = indent + STEP;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === void 0) continue;
    if (typeof value === "function" || typeof value === "symbol") throw new Unsupported();
    const k = scalarString(key, valueIndent, true);
    if (k.length > 1024) throw new Unsupported();
    const v = node(value, valueIndent);
    const ws = typeof value === "object" && value !== null && v !== "[]" && v !== "{}" ? `
${valueIndent}` : " ";
    out += `${first ? "" : `
${indent}`}${k}:${ws}${v}`;
    first = false;
  }
  return first ? "{}" : out;
}
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u{D800}-\u{DFFF}]/u;
const RAW_BREAKS = /[\u2028\u2029]/g;
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
const NON_STRING = [
  // YAML 1.2 core: null, booleans, integers, octal, hex, floats, infinities and NaN.
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^[-+]?[0-9]+$/,
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
  // YAML 1.1 (go-yaml v2): y/n, yes/no, on/off booleans; binary, octal, hex and underscored
  // numbers (Go's base-0 integer prefixes included); sexagesimal numbers; timestamps; the merge key.
  /^(?:Y|y|[Yy]es|YES|[Oo]n|ON|N|n|[Nn]o|NO|[Oo]ff|OFF)$/,
  /^[-+]?0[bBoOxX][0-9a-fA-F_]+$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:t|T|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:[ \t]*(?:Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/,
  /^<<$/
];
const MAYBE_NON_STRING = /^(?:[-+.~<0-9]|[TtFfNnYyOo](?:[a-zA-Z]{0,4})$|$)/;
function readsAsNonString(s) {
  return MAYBE_NON_STRING.test(s) && NON_STRING.some((re) => re.test(s));
}
function scalarString(value, indent, implicitKey) {
  if (CONTROL.test(value)) return doubleQuoted(value, indent, implicitKey);
  if (implicitKey && value.includes("\n")) return quoted(value, indent, implicitKey);
  if (NOT_PLAIN.test(value))
    return implicitKey || !value.includes("\n") ? quoted(value, indent, implicitKey) : block(value, indent, implicitKey);
  if (!implicitKey && value.includes("\n")) return block(value, indent, implicitKey);
  if (implicitKey && indent === STEP && DOCUMENT_MARKER.test(value)) return quoted(value, indent, implicitKey);
  if (readsAsNonString(value)) return quoted(value, indent, implicitKey);
  return value;
}
function quoted(value, indent, implicitKey) {
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  return hasDouble && !hasSingle ? singleQuoted(value, indent, implicitKey) : doubleQuoted(value, indent, implicitKey);
}
const SHORT_ESCAPES = {
  "0000": "\\0",
  "0007": "\\a",
  "000b": "\\v",
  "001b": "\\e",
  "0085": "\\N",
  "00a0": "\\_",
  "2028": "\\L",
  "2029": "\\P"
};
function doubleQuoted(value, indentIn, implicitKey) {
  const json = JSON.stringify(value).replace(RAW_BREAKS, (c) => c === "\u2028" ? "\\u2028" : "\\u2029");
  if (!json.includes("\\")) return json;
  const indent = indentIn || (DOCUMENT_MARKER.test(value) ? STEP : "");
  let str = "";
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
      str += `${json.slice(start, i)}\\ `;
      i += 1;
      start = i;
      ch = "\\";
    }
    if (ch !== "\\") continue;
    const next = json[i + 1];
    if (next === "u") {
      str += json.slice(start, i);
      const code = json.substr(i + 2, 4);
      str += SHORT_ESCAPES[code] ?? (code.startsWith("00") ? `\\x${code.slice(2)}` : json.substr(i, 6));
      i += 5;
      start = i + 1;
    } else if (next === "n") {
      if (implicitKey || json[i + 2] === '"' || json.length < 40) {
        i += 1;
      } else {
        str += `${json.slice(start, i)}

`;
        while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
          str += "\n";
          i += 2;
        }
        str += indent;
        if (json[i + 2] === " ") str += "\\";
        i += 1;
        start = i + 1;
      }
    } else {
      i += 1;
    }
  }
  return start ? str + json.slice(start) : json;
}
function singleQuoted(value, indentIn, implicitKey) {
  if (implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value)) return doubleQuoted(value, indentIn, implicitKey);
  const indent = indentIn || (DOCUMENT_MARKER.test(value) ? STEP : "");
  return `'${value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`)}'`;
}
const BLANK_LINE = /^[\t ]+$/m;
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;
function block(valueIn, indentIn, implicitKey) {
  if (/\n[\t ]+$/.test(valueIn) || BLANK_LINE.test(valueIn)) return quoted(valueIn, indentIn, implicitKey);
  const indent = indentIn || (DOCUMENT_MARKER.test(valueIn) ? STEP : "");
  let value = valueIn;
  let endStart = value.length;
  for (; endStart > 0; --endStart) {
    const ch = value[endStart - 1];
    if (ch !== "\n" && ch !== "	" && ch !== " ") break;
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf("\n");
  const chomp = endNlPos === -1 ? "-" : value === end || endNlPos !== end.length - 1 ? "+" : "";
  if (end) {
    value = value.slice(0, -end.length);
    if (end.endsWith("\n")) end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  let startWithSpace = false;
  let startEnd = 0;
  let startNlPos = -1;
  for (; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === " ") startWithSpace = true;
    else if (ch === "\n") startNlPos = startEnd;
    else break;
  }
  let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startWithSpace ? indent ? "2" : "1" : "") + chomp;
  return `|${header}
${indent}${start}${value.replace(/\n+/g, `$&${indent}`)}${end}`;
}
export {
  BLANK_LINE,
  readsAsNonString,
  writeYaml
};
