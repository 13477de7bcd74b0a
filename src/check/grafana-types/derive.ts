/**
 * JSON Schemas derived, when dac runs, from the TypeScript declarations Grafana publishes in
 * `@grafana/schema` (Apache-2.0): the classic dashboard, every panel plugin's options and custom
 * field config, and the v2beta1 dashboard resource. Nothing of them is copied into this repository:
 * the TypeScript compiler reads the installed package's .d.ts files and each declared type becomes
 * a schema, objects closed (no property the type does not declare), enums and literal unions as
 * `enum`, optional properties as not required.
 *
 * Deriving costs about as much as a type-check of the package, so the result is cached beside the
 * compiled validators (src/core/ajv-cache.ts), keyed by the package's version, the compiler's and
 * this file's own text: a new release of either, or a change here, derives again.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TS from 'typescript';
import { cacheDir } from '../../core/ajv-cache.js';

const require = createRequire(import.meta.url);

export type JsonSchema = Record<string, unknown>;

export interface GrafanaSchemas {
  /** The `@grafana/schema` release the schemas were derived from. */
  version: string;
  /** Shared definitions, referenced as `#/definitions/<name>` from every root. */
  definitions: Record<string, JsonSchema>;
  /** Root types by role: `dashboard`, `panel`, `row`, `v2.spec`, `panel.<plugin>.options`, `panel.<plugin>.custom`. */
  roots: Record<string, string>;
}

/**
 * Panel plugin ids whose folder in `@grafana/schema` is named differently. Every other folder under
 * raw/composable/ with a panelcfg is named after the plugin id.
 */
const PLUGIN_IDS: Record<string, string> = { annotationslist: 'annolist' };

export function schemaPackageDir(): string {
  return path.dirname(require.resolve('@grafana/schema/package.json'));
}

export function schemaPackageVersion(): string {
  return (JSON.parse(readFileSync(path.join(schemaPackageDir(), 'package.json'), 'utf8')) as { version: string }).version;
}

let memo: GrafanaSchemas | undefined;

export function grafanaSchemas(): GrafanaSchemas {
  if (memo) return memo;
  const version = schemaPackageVersion();
  const tsVersion = (require('typescript/package.json') as { version: string }).version;
  const self = readFileSync(fileURLToPath(import.meta.url), 'utf8');
  const key = createHash('sha256')
    .update(JSON.stringify([version, tsVersion, self]))
    .digest('hex')
    .slice(0, 16);
  const file = path.join(cacheDir(), `grafana-schema-${version}-${key}.json`);
  try {
    memo = JSON.parse(readFileSync(file, 'utf8')) as GrafanaSchemas;
    return memo;
  } catch {
    // Not derived yet on this install: derive below.
  }
  memo = derive(version);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(memo));
    renameSync(tmp, file);
  } catch {
    // A read-only install still validates; it derives again next time.
  }
  return memo;
}

/** The panel plugins `@grafana/schema` declares options for, by plugin id, with their declaration file. */
function panelPlugins(typesDir: string): Map<string, string> {
  const dir = path.join(typesDir, 'raw', 'composable');
  const out = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name, 'panelcfg', 'x', 'types.gen.d.ts');
    try {
      readFileSync(file);
    } catch {
      continue; // a data source's query types, not a panel
    }
    out.set(PLUGIN_IDS[name] ?? name, file);
  }
  return out;
}

function derive(version: string): GrafanaSchemas {
  // The compiler (several megabytes of JavaScript) is loaded only when the cache misses.
  const ts = require('typescript') as typeof TS;
  const typesDir = path.join(schemaPackageDir(), 'dist', 'types');
  const plugins = panelPlugins(typesDir);
  const spec = (p: string) => JSON.stringify(p.replace(/\.d\.ts$/, ''));

  // One entry file names every root type as an alias, so generic types get their default arguments.
  const lines = [`import type * as S from ${spec(path.join(typesDir, 'index.d.ts'))};`];
  lines.push(`import type * as V2 from ${spec(path.join(typesDir, 'schema', 'dashboard', 'v2beta1', 'index.d.ts'))};`);
  const roots: Record<string, string> = {
    dashboard: 'S.Dashboard',
    panel: 'S.Panel',
    row: 'S.RowPanel',
    'v2.spec': 'V2.Spec',
  };
  let i = 0;
  for (const [id, file] of plugins) {
    const alias = `P${i++}`;
    lines.push(`import type * as ${alias} from ${spec(file)};`);
    const exported = readFileSync(file, 'utf8');
    if (/export interface Options\b|export type Options\b/.test(exported)) roots[`panel.${id}.options`] = `${alias}.Options`;
    if (/export interface FieldConfig\b|export type FieldConfig\b/.test(exported)) roots[`panel.${id}.custom`] = `${alias}.FieldConfig`;
  }
  const rootNames = Object.keys(roots);
  rootNames.forEach((r, n) => lines.push(`export type Root${n} = ${roots[r]};`));

  const entry = path.join(typesDir, '__dac_roots__.ts');
  const options: TS.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    types: [],
  };
  const host = ts.createCompilerHost(options, true);
  const source = lines.join('\n');
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) =>
    path.resolve(name) === entry ? ts.createSourceFile(name, source, lang, true) : getSourceFile(name, lang, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === entry || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === entry ? source : readFile(name));
  const program = ts.createProgram({ rootNames: [entry], options, host });
  const checker = program.getTypeChecker();
  const entryFile = program.getSourceFile(entry)!;

  const converter = new Converter(ts, checker, typesDir, entry);
  const out: Record<string, string> = {};
  let n = 0;
  for (const statement of entryFile.statements) {
    if (!ts.isTypeAliasDeclaration(statement)) continue;
    const role = rootNames[n++]!;
    const type = checker.getTypeFromTypeNode(statement.type);
    const schema = converter.convert(type);
    const name = typeof schema.$ref === 'string' ? schema.$ref.slice('#/definitions/'.length) : converter.define(role, schema);
    out[role] = name;
  }
  return { version, definitions: converter.definitions, roots: out };
}

/** TypeScript type → JSON Schema (draft-07), named declarations as shared definitions. */
class Converter {
  readonly definitions: Record<string, JsonSchema> = {};
  private readonly names = new Map<TS.Type, string>();
  private readonly taken = new Set<string>();

  constructor(
    private readonly ts: typeof TS,
    private readonly checker: TS.TypeChecker,
    private readonly typesDir: string,
    private readonly entry: string,
  ) {}

  define(name: string, schema: JsonSchema): string {
    const unique = this.unique(name);
    this.definitions[unique] = schema;
    return unique;
  }

  convert(type: TS.Type): JsonSchema {
    const ts = this.ts;
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.Never) return { not: {} };
    const named = this.nameOf(type);
    if (named !== undefined) return this.reference(type, named);
    return this.body(type);
  }

  /** A declared interface, enum or plain type alias gets a definition; anonymous and generic types are inlined. */
  private nameOf(type: TS.Type): string | undefined {
    const ts = this.ts;
    const alias = type.aliasSymbol;
    // The entry file's own aliases (Root0, …) only name the roots: the declared type underneath is the name.
    const ours = alias?.declarations?.some((d) => path.resolve(d.getSourceFile().fileName) === this.entry);
    if (alias && !ours && !(type.aliasTypeArguments && type.aliasTypeArguments.length > 0)) return this.qualified(alias);
    const symbol = type.getSymbol();
    if (!symbol) return undefined;
    if (type.flags & ts.TypeFlags.EnumLiteral && !(type.flags & ts.TypeFlags.Union)) return undefined; // one member
    if (symbol.flags & ts.SymbolFlags.Enum) return this.qualified(symbol);
    if (symbol.flags & ts.SymbolFlags.Interface && !this.checker.isArrayType(type)) {
      const args = (type as TS.TypeReference).typeArguments;
      const qualified = this.qualified(symbol);
      return args && args.length > 0 ? `${qualified}<${args.map((a) => this.checker.typeToString(a)).join(',')}>` : qualified;
    }
    return undefined;
  }

  private qualified(symbol: TS.Symbol): string {
    const decl = symbol.declarations?.[0];
    const file = decl ? path.relative(this.typesDir, decl.getSourceFile().fileName) : '';
    const scope = file
      .replace(/\.d\.ts$/, '')
      .replace(/^raw\/composable\/([^/]+)\/panelcfg\/x\/types\.gen$/, 'panel.$1')
      .replace(/^raw\/dashboard\/x\/types\.gen$/, 'dashboard.raw')
      .replace(/^veneer\/(\w+)\.types$/, '$1')
      .replace(/^common\/common\.gen$/, 'common')
      .replace(/^schema\/dashboard\/(\w+)\/types\.spec\.gen$/, 'dashboard.$1')
      .replace(/[^A-Za-z0-9.]+/g, '.');
    return `${scope}.${symbol.getName()}`;
  }

  private unique(name: string): string {
    let candidate = name.replace(/[^A-Za-z0-9._-]+/g, '_');
    for (let k = 2; this.taken.has(candidate); k++) candidate = `${name}_${k}`;
    this.taken.add(candidate);
    return candidate;
  }

  private reference(type: TS.Type, name: string): JsonSchema {
    let def = this.names.get(type);
    if (def === undefined) {
      def = this.unique(name);
      this.names.set(type, def);
      this.definitions[def] = {}; // placeholder: recursive types refer to it while it is built
      this.definitions[def] = this.body(type);
    }
    return { $ref: `#/definitions/${def}` };
  }

  private body(type: TS.Type): JsonSchema {
    const ts = this.ts;
    const f = type.flags;
    if (f & ts.TypeFlags.Union) return this.union((type as TS.UnionType).types);
    if (f & ts.TypeFlags.StringLiteral) return { const: (type as TS.StringLiteralType).value };
    if (f & ts.TypeFlags.NumberLiteral) return { const: (type as TS.NumberLiteralType).value };
    if (f & ts.TypeFlags.BooleanLiteral) return { const: (type as { intrinsicName?: string }).intrinsicName === 'true' };
    if (f & ts.TypeFlags.StringLike) return { type: 'string' };
    if (f & ts.TypeFlags.NumberLike) return { type: 'number' };
    if (f & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
    if (f & ts.TypeFlags.Null) return { type: 'null' };
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.NonPrimitive) return { type: 'object' };
    if (this.checker.isTupleType(type)) {
      const items = this.checker.getTypeArguments(type as TS.TypeReference).map((t) => this.convert(t));
      return { type: 'array', items, minItems: items.length, maxItems: items.length };
    }
    if (this.checker.isArrayType(type)) {
      const [item] = this.checker.getTypeArguments(type as TS.TypeReference);
      return { type: 'array', items: item ? this.convert(item) : {} };
    }
    if (f & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) return this.object(type);
    return {};
  }

  private object(type: TS.Type): JsonSchema {
    const ts = this.ts;
    if (type.getCallSignatures().length > 0) return {};
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const prop of this.checker.getPropertiesOfType(type)) {
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      const propType = decl ? this.checker.getTypeOfSymbolAtLocation(prop, decl) : this.checker.getTypeOfSymbol(prop);
      const schema = this.convert(propType);
      const doc = ts.displayPartsToString(prop.getDocumentationComment(this.checker)).trim();
      properties[prop.getName()] = doc && !('$ref' in schema) ? { ...schema, description: doc } : schema;
      if (!(prop.flags & ts.SymbolFlags.Optional)) required.push(prop.getName());
    }
    const index = this.checker.getIndexInfosOfType(type).find((info) => info.keyType.flags & ts.TypeFlags.String);
    const schema: JsonSchema = { type: 'object', properties };
    if (required.length > 0) schema.required = required;
    if (index) {
      const value = this.convert(index.type);
      if (Object.keys(value).length > 0) schema.additionalProperties = value;
    } else {
      schema.additionalProperties = false;
    }
    return schema;
  }

  private union(members: readonly TS.Type[]): JsonSchema {
    const ts = this.ts;
    const kept = members.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    if (kept.some((t) => t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return {};
    const literals: (string | number | boolean)[] = [];
    const others: TS.Type[] = [];
    for (const t of kept) {
      if (t.flags & ts.TypeFlags.StringLiteral) literals.push((t as TS.StringLiteralType).value);
      else if (t.flags & ts.TypeFlags.NumberLiteral) literals.push((t as TS.NumberLiteralType).value);
      else if (t.flags & ts.TypeFlags.BooleanLiteral) literals.push((t as { intrinsicName?: string }).intrinsicName === 'true');
      else others.push(t);
    }
    const branches: JsonSchema[] = [];
    const bools = literals.filter((l) => typeof l === 'boolean');
    const rest: (string | number | boolean)[] = literals.filter((l) => typeof l !== 'boolean');
    if (bools.length === 2) branches.push({ type: 'boolean' });
    else if (bools.length === 1) rest.push(bools[0]!);
    if (rest.length === 1) branches.push({ const: rest[0] });
    else if (rest.length > 1) branches.push({ enum: rest });
    const objects = others.map((t) => this.convert(t));
    const discriminated = this.discriminate(others, objects);
    if (discriminated) branches.push(discriminated);
    else branches.push(...objects);
    if (branches.length === 1) return branches[0]!;
    // A primitive type and its literals ("string | 'auto'") is the primitive type.
    return { anyOf: branches };
  }

  /**
   * A union of object types told apart by one literal property (`type: 'value' | 'range' | …`)
   * checks the branch that property names, so a finding speaks of that branch alone.
   */
  private discriminate(types: TS.Type[], schemas: JsonSchema[]): JsonSchema | undefined {
    if (types.length < 2) return undefined;
    const ts = this.ts;
    const props = types.map((t) => (t.flags & ts.TypeFlags.Object ? this.checker.getPropertiesOfType(t) : undefined));
    if (props.some((p) => p === undefined)) return undefined;
    for (const candidate of props[0]!) {
      const name = candidate.getName();
      const values: (string | number)[] = [];
      for (let k = 0; k < types.length; k++) {
        const prop = props[k]!.find((p) => p.getName() === name);
        if (!prop || prop.flags & ts.SymbolFlags.Optional) break;
        const t = this.checker.getTypeOfSymbol(prop);
        if (t.flags & ts.TypeFlags.StringLiteral) values.push((t as TS.StringLiteralType).value);
        else if (t.flags & ts.TypeFlags.NumberLiteral) values.push((t as TS.NumberLiteralType).value);
        else break;
      }
      if (values.length !== types.length || new Set(values).size !== values.length) continue;
      return {
        type: 'object',
        required: [name],
        properties: { [name]: { enum: values } },
        allOf: values.map((v, k) => ({ if: { properties: { [name]: { const: v } } }, then: schemas[k] })),
      };
    }
    return undefined;
  }
}
