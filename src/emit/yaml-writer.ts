/**
 * A YAML writer for the plain data dac emits (objects, arrays, strings, numbers, booleans, null):
 * block style, 2-space indent, sequences indented under their key, no line folding. It writes the
 * same text the `yaml` package does with those options, at a fraction of the cost (no document
 * model is built), with one deliberate difference: a plain scalar that YAML 1.1 parsers read as
 * something other than a string (`on`, `no`, `y`, `0b1`, `1_000`, `<<`, …) is quoted, because
 * Prometheus and Alertmanager read their files with Go's YAML libraries, which follow YAML 1.1
 * there (and a multi-line text with a line of only blanks is quoted, which `yaml` gets wrong; U+2028
 * and U+2029, line breaks to YAML 1.1, are escaped). Anything outside that data model (class
 * instances, functions, very long keys) is handed to the `yaml` package unchanged.
 */
import { stringify } from 'yaml';

class Unsupported extends Error {}

/** The YAML text of `value`, ending in a newline. */
export function writeYaml(value: unknown): string {
  // A document that is a bare scalar is never emitted; the `yaml` package has rules of its own there.
  if (typeof value === 'object' && value !== null) {
    try {
      return `${node(value, '')}\n`;
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
    }
  }
  return stringify(value, { lineWidth: 0, indent: 2, aliasDuplicateObjects: false });
}

const STEP = '  ';

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** One value (never a mapping key) at the given indentation. */
function node(value: unknown, indent: string): string {
  switch (typeof value) {
    case 'string':
      return scalarString(value, indent, false);
    case 'number':
      if (!Number.isFinite(value)) return Number.isNaN(value) ? '.nan' : value < 0 ? '-.inf' : '.inf';
      return Object.is(value, -0) ? '-0' : JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return String(value);
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return sequence(value, indent);
      if (!isPlainObject(value)) throw new Unsupported();
      return mapping(value as Record<string, unknown>, indent);
    default:
      throw new Unsupported();
  }
}

function sequence(items: readonly unknown[], indent: string): string {
  if (items.length === 0) return '[]';
  const itemIndent = indent + STEP;
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === undefined) throw new Unsupported();
    out += `${i === 0 ? '' : `\n${indent}`}- ${node(item, itemIndent)}`;
  }
  return out;
}

function mapping(obj: Record<string, unknown>, indent: string): string {
  let out = '';
  let first = true;
  const valueIndent = indent + STEP;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    if (typeof value === 'function' || typeof value === 'symbol') throw new Unsupported();
    const k = scalarString(key, valueIndent, true);
    if (k.length > 1024) throw new Unsupported(); // `yaml` switches to an explicit `? key`
    const v = node(value, valueIndent);
    // A non-empty collection starts on the next line; empty ones stay inline as `[]` / `{}`.
    const ws = typeof value === 'object' && value !== null && v !== '[]' && v !== '{}' ? `\n${valueIndent}` : ' ';
    out += `${first ? '' : `\n${indent}`}${k}:${ws}${v}`;
    first = false;
  }
  return first ? '{}' : out;
}

// ---------------------------------------------------------------------------------------------
// Strings: plain when that reads back as the same string, else quoted (single quotes when the text
// has a double quote and no single one), multi-line text as a literal block.

// Control characters are exactly what this pattern is for. U+2028 and U+2029 are here because
// YAML 1.1 parsers (go-yaml, as in promtool and amtool) read them as line breaks, in any scalar.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u{D800}-\u{DFFF}]/u;
/** Characters JSON.stringify leaves raw that a double-quoted YAML scalar must escape. */
const RAW_BREAKS = /[\u2028\u2029]/g;
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;

/** Plain scalars that YAML 1.2 (core schema) or YAML 1.1 and Go's YAML libraries read as non-strings. */
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
  /^<<$/,
];
/** Cheap pre-test: every pattern above needs one of these characters or is one of a few words. */
const MAYBE_NON_STRING = /^(?:[-+.~<0-9]|[TtFfNnYyOo](?:[a-zA-Z]{0,4})$|$)/;

export function readsAsNonString(s: string): boolean {
  return MAYBE_NON_STRING.test(s) && NON_STRING.some((re) => re.test(s));
}

function scalarString(value: string, indent: string, implicitKey: boolean): string {
  if (CONTROL.test(value)) return doubleQuoted(value, indent, implicitKey);
  if (implicitKey && value.includes('\n')) return quoted(value, indent, implicitKey);
  if (NOT_PLAIN.test(value))
    return implicitKey || !value.includes('\n') ? quoted(value, indent, implicitKey) : block(value, indent, implicitKey);
  if (!implicitKey && value.includes('\n')) return block(value, indent, implicitKey);
  // Only keys of the top-level mapping can sit at indent == one step (the root is never a scalar).
  if (implicitKey && indent === STEP && DOCUMENT_MARKER.test(value)) return quoted(value, indent, implicitKey);
  if (readsAsNonString(value)) return quoted(value, indent, implicitKey);
  return value;
}

function quoted(value: string, indent: string, implicitKey: boolean): string {
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  return hasDouble && !hasSingle ? singleQuoted(value, indent, implicitKey) : doubleQuoted(value, indent, implicitKey);
}

const SHORT_ESCAPES: Record<string, string> = {
  '0000': '\\0',
  '0007': '\\a',
  '000b': '\\v',
  '001b': '\\e',
  '0085': '\\N',
  '00a0': '\\_',
  '2028': '\\L',
  '2029': '\\P',
};

/** JSON's string syntax, with YAML's short escapes and line breaks written as folded newlines. */
function doubleQuoted(value: string, indentIn: string, implicitKey: boolean): string {
  const json = JSON.stringify(value).replace(RAW_BREAKS, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
  if (!json.includes('\\')) return json;
  const indent = indentIn || (DOCUMENT_MARKER.test(value) ? STEP : '');
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      str += `${json.slice(start, i)}\\ `;
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch !== '\\') continue;
    const next = json[i + 1];
    if (next === 'u') {
      str += json.slice(start, i);
      const code = json.substr(i + 2, 4);
      str += SHORT_ESCAPES[code] ?? (code.startsWith('00') ? `\\x${code.slice(2)}` : json.substr(i, 6));
      i += 5;
      start = i + 1;
    } else if (next === 'n') {
      if (implicitKey || json[i + 2] === '"' || json.length < 40) {
        i += 1;
      } else {
        str += `${json.slice(start, i)}\n\n`;
        while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
          str += '\n';
          i += 2;
        }
        str += indent;
        if (json[i + 2] === ' ') str += '\\';
        i += 1;
        start = i + 1;
      }
    } else {
      i += 1;
    }
  }
  return start ? str + json.slice(start) : json;
}

function singleQuoted(value: string, indentIn: string, implicitKey: boolean): string {
  if ((implicitKey && value.includes('\n')) || /[ \t]\n|\n[ \t]/.test(value)) return doubleQuoted(value, indentIn, implicitKey);
  const indent = indentIn || (DOCUMENT_MARKER.test(value) ? STEP : '');
  return `'${value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`)}'`;
}

export const BLANK_LINE = /^[\t ]+$/m;
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

/** A literal block scalar (`|`), with the chomping and indentation indicators the text needs. */
function block(valueIn: string, indentIn: string, implicitKey: boolean): string {
  // The `yaml` package also writes a line of only blanks into the block, where a parser reads it
  // as an empty line: such text is quoted instead (the one other place this writer differs).
  if (/\n[\t ]+$/.test(valueIn) || BLANK_LINE.test(valueIn)) return quoted(valueIn, indentIn, implicitKey);
  const indent = indentIn || (DOCUMENT_MARKER.test(valueIn) ? STEP : '');
  let value = valueIn;
  let endStart = value.length;
  for (; endStart > 0; --endStart) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf('\n');
  const chomp = endNlPos === -1 ? '-' : value === end || endNlPos !== end.length - 1 ? '+' : '';
  if (end) {
    value = value.slice(0, -end.length);
    if (end.endsWith('\n')) end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  let startWithSpace = false;
  let startEnd = 0;
  let startNlPos = -1;
  for (; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNlPos = startEnd;
    else break;
  }
  let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startWithSpace ? (indent ? '2' : '1') : '') + chomp;
  return `|${header}\n${indent}${start}${value.replace(/\n+/g, `$&${indent}`)}${end}`;
}
