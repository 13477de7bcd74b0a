import { parser } from "@prometheus-io/lezer-promql";
import { selector } from "../../rules/promql.js";
import { counterValues } from "../process-series.js";
function unquote(literal) {
  if (literal.startsWith("`")) return literal.slice(1, -1);
  return JSON.parse(literal.startsWith("'") ? `"${literal.slice(1, -1).replace(/"/g, '\\"')}"` : literal);
}
function selectorsOf(query) {
  const out = [];
  const tree = parser.parse(query);
  tree.iterate({
    enter: (node) => {
      if (node.name !== "VectorSelector") return;
      const sel = { metric: "", matchers: [], text: query.slice(node.from, node.to) };
      const cursor = node.node.cursor();
      cursor.iterate((n) => {
        if (n.name === "Identifier" && sel.metric === "") sel.metric = query.slice(n.from, n.to);
        if (n.name === "UnquotedLabelMatcher") {
          const name = n.node.getChild("LabelName");
          const op = n.node.getChild("MatchOp");
          const value = n.node.getChild("StringLiteral");
          if (name && op && value)
            sel.matchers.push([
              query.slice(name.from, name.to),
              query.slice(op.from, op.to),
              unquote(query.slice(value.from, value.to))
            ]);
        }
      });
      out.push(sel);
      return false;
    }
  });
  return out;
}
const COMMON = ["200", "2xx", "500", "5xx", "503", "429", "404", "GET", "POST", "ok", "error", "success", "true", "false", "0", "1", ""];
function hints(regex) {
  return regex.replace(/^\^|\$$/g, "").replace(/[()]/g, "").split("|").map(
    (alt) => alt.replace(/\[(.)[^\]]*\]/g, "$1").replace(/\\d/g, "0").replace(/\.[*+]?/g, "0").replace(/[?*+\\]/g, "")
  );
}
function accepts(m, value) {
  const [, op, v] = m;
  if (op === "=") return value === v;
  if (op === "!=") return value !== v;
  let re;
  try {
    re = new RegExp(`^(?:${v})$`);
  } catch {
    return false;
  }
  return op === "=~" ? re.test(value) : !re.test(value);
}
function candidates(matchers) {
  return [.../* @__PURE__ */ new Set([...matchers.flatMap(([, op, v]) => op === "=" || op === "!=" ? [v] : hints(v)), ...COMMON])];
}
function pick(must, mustFail) {
  return candidates(mustFail ? [...must, mustFail] : must).find(
    (c) => must.every((m) => accepts(m, c)) && (!mustFail || !accepts(mustFail, c))
  );
}
function labelSet(matchers) {
  const out = {};
  for (const label of [...new Set(matchers.map(([l]) => l))].sort()) {
    const v = pick(matchers.filter(([l]) => l === label));
    if (v === void 0) return void 0;
    if (v !== "") out[label] = v;
  }
  return out;
}
function outside(base, narrow) {
  const extra = narrow.filter((m) => !base.some((b) => b[0] === m[0] && b[1] === m[1] && b[2] === m[2]));
  for (const m of extra) {
    const v = pick(
      base.filter(([l]) => l === m[0]),
      m
    );
    if (v === void 0) continue;
    const rest = labelSet(base.filter(([l]) => l !== m[0]));
    if (!rest) return void 0;
    return v === "" ? rest : { ...rest, [m[0]]: v };
  }
  return void 0;
}
function series(metric, labels, values) {
  return {
    series: selector(
      metric,
      Object.entries(labels).map(([k, v]) => [k, "=", v])
    ),
    values
  };
}
function synthesizeFixture(slo) {
  const errors = selectorsOf(slo.sli.errors("5m"));
  const total = selectorsOf(slo.sli.total("5m"));
  if (total.length !== 1) return void 0;
  const t = total[0];
  let bad;
  let good;
  if (errors.length === 1 && errors[0].metric === t.metric) {
    const e = errors[0];
    bad = labelSet([...t.matchers, ...e.matchers]);
    good = outside(t.matchers, e.matchers);
  } else if (
    // total − (good or total × 0): the total, the good counter, and the total again.
    errors.length === 3 && errors[0].text === t.text && errors[1].metric === t.metric && errors[2].text === t.text
  ) {
    const g2 = errors[1];
    good = labelSet([...t.matchers, ...g2.matchers]);
    bad = outside(t.matchers, g2.matchers);
  }
  if (!bad || !good || JSON.stringify(bad) === JSON.stringify(good)) return void 0;
  if (slo.groupBy?.some((l) => [...errors, t].some((sel) => sel.matchers.some(([name]) => name === l)))) return void 0;
  const [b, g] = [bad, good];
  return (segments, options) => {
    const extra = { ...options?.instance ? { instance: options.instance } : {}, ...options?.labels ?? {} };
    return [
      series(
        t.metric,
        { ...g, ...extra },
        counterValues(segments, (s) => s.good)
      ),
      series(
        t.metric,
        { ...b, ...extra },
        counterValues(segments, (s) => s.bad)
      )
    ];
  };
}
export {
  selectorsOf,
  synthesizeFixture
};
