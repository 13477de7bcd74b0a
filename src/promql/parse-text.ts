/**
 * The parse of one text on its own: Grafana macros replaced by same-length placeholders, lezer's
 * concrete tree, its first syntax error, the typed AST and its type errors.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { ParsedPromql, PromqlError } from './ast.js';
import { AstBuilder } from './convert.js';
import { substituteGrafanaMacros } from './grafana-macros.js';
import { firstSyntaxError } from './syntax-errors.js';
import { typeOf } from './typecheck.js';

/** The parse of one text on its own, without the caches: what parsePromql must always agree with. */
export function parsePromqlAlone(expr: string): ParsedPromql {
  const text = substituteGrafanaMacros(expr);
  const at = (offset: number, message: string, kind: PromqlError['kind']): PromqlError => ({
    message,
    kind,
    ...position(expr, offset),
  });
  if (text.trim() === '') return { errors: [at(0, 'empty expression', 'syntax')], ast: undefined, type: undefined };
  const tree = parser.parse(text);
  const syntax = firstSyntaxError(tree.topNode, text);
  if (syntax) return { errors: [at(syntax.offset, syntax.message, 'syntax')], ast: undefined, type: undefined };
  const top = tree.topNode.firstChild;
  if (!top) return { errors: [at(0, 'empty expression', 'syntax')], ast: undefined, type: undefined };
  const builder = new AstBuilder(expr, text);
  const ast = builder.expr(top);
  if (builder.errors.length > 0) {
    return { errors: builder.errors.map((e) => at(e.offset, e.message, 'syntax')), ast: undefined, type: undefined };
  }
  const typeErrors: { offset: number; message: string }[] = [];
  const type = typeOf(ast, typeErrors);
  return {
    errors: typeErrors.map((e) => at(e.offset, e.message, 'type')),
    ast,
    type: typeErrors.length === 0 ? type : undefined,
  };
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return { line, column: offset + 1 };
}
