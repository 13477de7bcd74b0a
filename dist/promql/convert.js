import { parseDuration } from "../core/duration.js";
import { matchesEmpty } from "./regex.js";
const OPERATOR_TOKENS = {
  Pow: "^",
  Mul: "*",
  Div: "/",
  Mod: "%",
  Atan2: "atan2",
  Add: "+",
  Sub: "-",
  Eql: "==",
  Gte: ">=",
  Gtr: ">",
  Lte: "<=",
  Lss: "<",
  Neq: "!=",
  And: "and",
  Unless: "unless",
  Or: "or",
  TrimUpper: "</",
  TrimLower: ">/"
};
const matcherValueAt = /* @__PURE__ */ new WeakMap();
const LEAVES = /* @__PURE__ */ new Set(["NumberDurationLiteral", "StringLiteral", "VectorSelector"]);
class AstBuilder {
  constructor(original, text) {
    this.original = original;
    this.text = text;
  }
  original;
  text;
  errors = [];
  src(n) {
    return this.original.slice(n.from, n.to);
  }
  children(n) {
    const out = [];
    for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
    return out;
  }
  exprChildren(n) {
    return this.children(n).filter((c) => c.type.is("Expr"));
  }
  expr(n) {
    const span = { from: n.from, to: n.to };
    const kids = LEAVES.has(n.name) ? [] : this.exprChildren(n);
    switch (n.name) {
      case "NumberDurationLiteral":
        return { ...span, kind: "number", value: parseNumber(this.text.slice(n.from, n.to)) };
      case "StringLiteral":
        return { ...span, kind: "string", value: this.string(n) };
      case "VectorSelector":
        return this.selector(n);
      case "MatrixSelector": {
        const dur = n.getChild("DurationExpr");
        return { ...span, kind: "matrix", expr: this.expr(kids[0]), range: dur ? this.src(dur) : "" };
      }
      case "SubqueryExpr": {
        const durs = n.getChildren("DurationExpr");
        return {
          ...span,
          kind: "subquery",
          expr: this.expr(kids[0]),
          range: durs[0] ? this.src(durs[0]) : "",
          step: durs[1] ? this.src(durs[1]) : void 0
        };
      }
      case "OffsetExpr": {
        const dur = n.getChild("OffsetDurationExpr");
        return { ...span, kind: "offset", expr: this.expr(kids[0]), offset: dur ? this.src(dur) : "" };
      }
      case "StepInvariantExpr":
      case "AnchoredExpr":
      case "SmoothedExpr":
        return { ...span, kind: "at", expr: this.expr(kids[0]) };
      case "ParenExpr":
        return { ...span, kind: "paren", expr: this.expr(kids[0]) };
      case "UnaryExpr": {
        const op = n.getChild("UnaryOp");
        return { ...span, kind: "unary", op: op && this.text.slice(op.from, op.to) === "-" ? "-" : "+", expr: this.expr(kids[0]) };
      }
      case "FunctionCall": {
        const id = n.getChild("FunctionIdentifier");
        const body = n.getChild("FunctionCallBody");
        return {
          ...span,
          kind: "call",
          name: id ? this.text.slice(id.from, id.to) : "",
          args: body ? this.exprChildren(body).map((c) => this.expr(c)) : []
        };
      }
      case "AggregateExpr": {
        const op = n.getChild("AggregateOp");
        const body = n.getChild("FunctionCallBody");
        const mod = n.getChild("AggregateModifier");
        let grouping;
        if (mod) {
          grouping = {
            mode: mod.getChild("Without") ? "without" : "by",
            labels: this.groupingLabels(mod.getChild("GroupingLabels"))
          };
        }
        return {
          ...span,
          kind: "aggregate",
          op: op ? this.text.slice(op.from, op.to).toLowerCase() : "",
          grouping,
          args: body ? this.exprChildren(body).map((c) => this.expr(c)) : []
        };
      }
      case "BinaryExpr":
        return this.binary(n, kids);
      default:
        return { ...span, kind: "unknown" };
    }
  }
  binary(n, kids) {
    let op = "";
    for (const c of this.children(n)) {
      const token = OPERATOR_TOKENS[c.name];
      if (token) {
        op = token;
        break;
      }
    }
    let matching;
    const clause = n.getChild("MatchingModifierClause");
    if (clause) {
      const lists = clause.getChildren("GroupingLabels");
      const side = clause.getChild("GroupLeft") ? "left" : clause.getChild("GroupRight") ? "right" : void 0;
      matching = {
        mode: clause.getChild("On") ? "on" : "ignoring",
        labels: this.groupingLabels(lists[0] ?? null),
        ...side ? { group: { side, include: this.groupingLabels(lists[1] ?? null) } } : {}
      };
    }
    return {
      from: n.from,
      to: n.to,
      kind: "binary",
      op,
      bool: n.getChild("BoolModifier") !== null,
      matching,
      left: this.expr(kids[0]),
      right: this.expr(kids[1])
    };
  }
  groupingLabels(n) {
    if (!n) return [];
    return this.children(n).filter((c) => c.name === "LabelName" || c.name === "QuotedLabelName").map((c) => c.name === "LabelName" ? this.src(c) : this.string(c.firstChild ?? c));
  }
  selector(n) {
    const id = n.getChild("Identifier");
    let metric = id ? this.src(id) : void 0;
    const matchers = [];
    const list = n.getChild("LabelMatchers");
    if (list) {
      for (const m of this.children(list)) {
        if (m.name === "QuotedLabelName") {
          metric = this.string(m.firstChild ?? m);
          continue;
        }
        if (m.name !== "UnquotedLabelMatcher" && m.name !== "QuotedLabelMatcher") continue;
        const nameNode = m.firstChild;
        const opNode = m.getChild("MatchOp");
        const valueNode = m.getChild("StringLiteral");
        if (!nameNode || !opNode || !valueNode) continue;
        const label = nameNode.name === "LabelName" ? this.src(nameNode) : this.string(nameNode.firstChild ?? nameNode);
        const op = this.text.slice(opNode.from, opNode.to);
        const values = m.getChildren("StringLiteral");
        const literal = values[values.length - 1] ?? valueNode;
        const matcher = { label, op, value: this.string(literal), from: m.from };
        matcherValueAt.set(matcher, literal.from);
        matchers.push(matcher);
      }
    }
    if (metric === void 0 && !matchers.some((m) => !matchesEmpty(m))) {
      this.errors.push({ offset: n.from, message: "vector selector must contain at least one non-empty matcher" });
    }
    const nameMatcher = matchers.find((m) => m.label === "__name__");
    if (metric !== void 0 && nameMatcher) {
      this.errors.push({ offset: n.from, message: `metric name "${metric}" given twice (identifier and __name__ matcher)` });
    } else if (nameMatcher?.op === "=") {
      metric = nameMatcher.value;
    }
    return { from: n.from, to: n.to, kind: "selector", metric, matchers };
  }
  /** Decodes a string literal, reporting an unterminated one (lezer accepts a missing quote). */
  string(n) {
    const raw = this.src(n);
    const quote = raw[0];
    if (raw.length < 2 || raw[raw.length - 1] !== quote || quote !== "`" && raw.endsWith(`\\${quote}`) && !raw.endsWith(`\\\\${quote}`)) {
      this.errors.push({ offset: n.from, message: `unterminated string ${raw.slice(0, 20)}` });
      return raw.slice(1);
    }
    const body = raw.slice(1, -1);
    if (quote === "`") return body;
    return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{3}|.)/g, (_, esc) => {
      switch (esc[0]) {
        case "n":
          return "\n";
        case "t":
          return "	";
        case "r":
          return "\r";
        case "u":
        case "x":
          return String.fromCharCode(parseInt(esc.slice(1), 16));
        default:
          return /^[0-7]{3}$/.test(esc) ? String.fromCharCode(parseInt(esc, 8)) : esc;
      }
    });
  }
}
function parseNumber(text) {
  const t = text.replace(/_/g, "").toLowerCase();
  if (t === "inf" || t === "+inf") return Infinity;
  if (t === "-inf") return -Infinity;
  if (t === "nan") return NaN;
  const n = Number(t);
  if (!Number.isNaN(n)) return n;
  try {
    return parseDuration(t);
  } catch {
    return NaN;
  }
}
export {
  AstBuilder,
  matcherValueAt
};
