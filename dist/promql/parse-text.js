import { parser } from "@prometheus-io/lezer-promql";
import { AstBuilder } from "./convert.js";
import { substituteGrafanaMacros } from "./grafana-macros.js";
import { firstSyntaxError } from "./syntax-errors.js";
import { typeOf } from "./typecheck.js";
function parsePromqlAlone(expr) {
  const text = substituteGrafanaMacros(expr);
  const at = (offset, message, kind) => ({
    message,
    kind,
    ...position(expr, offset)
  });
  if (text.trim() === "") return { errors: [at(0, "empty expression", "syntax")], ast: void 0, type: void 0 };
  const tree = parser.parse(text);
  const syntax = firstSyntaxError(tree.topNode, text);
  if (syntax) return { errors: [at(syntax.offset, syntax.message, "syntax")], ast: void 0, type: void 0 };
  const top = tree.topNode.firstChild;
  if (!top) return { errors: [at(0, "empty expression", "syntax")], ast: void 0, type: void 0 };
  const builder = new AstBuilder(expr, text);
  const ast = builder.expr(top);
  if (builder.errors.length > 0) {
    return { errors: builder.errors.map((e) => at(e.offset, e.message, "syntax")), ast: void 0, type: void 0 };
  }
  const typeErrors = [];
  const type = typeOf(ast, typeErrors);
  return {
    errors: typeErrors.map((e) => at(e.offset, e.message, "type")),
    ast,
    type: typeErrors.length === 0 ? type : void 0
  };
}
function position(text, offset) {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return { line, column: offset + 1 };
}
export {
  parsePromqlAlone
};
