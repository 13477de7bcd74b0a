function kindOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && typeof value.then === "function") return "a Promise";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
const ASYNC_HINT = "build() runs synchronously: do asynchronous work at the top of the module (top-level await) and use its result in build()";
function dashboardFrom(value, report) {
  const hint = "return the dashboard: a builder from dac/dashboards (or the foundation SDK), or the object its .build() gives";
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    report([], `build() returned ${kindOf(value)}, not a dashboard`, hint);
    return void 0;
  }
  if (typeof value.then === "function") {
    report([], "build() returned a Promise, not a dashboard", ASYNC_HINT);
    return void 0;
  }
  const built = typeof value.build === "function" ? value.build() : value;
  if (typeof built !== "object" || built === null || Array.isArray(built)) {
    report([], `build() returned a builder whose .build() gave ${kindOf(built)}, not a dashboard`, hint);
    return void 0;
  }
  const panels = built.panels;
  if (panels !== void 0 && !Array.isArray(panels)) {
    report([], `the dashboard's panels are ${kindOf(panels)}, not a list`, hint);
    return void 0;
  }
  return built;
}
const isText = (v) => typeof v === "string" && v.trim() !== "";
function stringMap(value, path, field, report) {
  if (value === void 0) return true;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    report(path, `${field} is ${kindOf(value)}, not an object of strings`, `write ${field}: { name: 'value' }`);
    return false;
  }
  const bad = Object.entries(value).filter(([, v]) => typeof v !== "string");
  for (const [k, v] of bad)
    report(path, `${field}.${k} is ${kindOf(v)}, not a string`, `Prometheus ${field} are strings: write ${field}: { ${k}: '\u2026' }`);
  return bad.length === 0;
}
function ruleGroupsFrom(value, report) {
  if (typeof value === "object" && value !== null && typeof value.then === "function") {
    report([], "build() returned a Promise, not a list of rule groups", ASYNC_HINT);
    return void 0;
  }
  if (!Array.isArray(value)) {
    const hint = typeof value === "object" && value !== null && "groups" in value ? "return the list itself: build() { return [{ name, rules }] }, not { groups: [...] }" : "return a list of rule groups: build() { return [{ name: 'my-group', rules: [alert(...)] }] }";
    report([], `build() returned ${kindOf(value)}, not a list of rule groups`, hint);
    return void 0;
  }
  let ok = true;
  value.forEach((group, g) => {
    const name = group?.name;
    const at = [isText(name) ? `group ${name}` : `group #${g + 1}`];
    if (typeof group !== "object" || group === null || Array.isArray(group)) {
      report(at, `the group is ${kindOf(group)}, not { name, rules }`, "write { name: 'my-group', rules: [...] }");
      ok = false;
      return;
    }
    if (!isText(name)) {
      report(at, "the group has no name", "give it one: { name: 'my-group', rules: [...] }");
      ok = false;
    }
    const rules = group.rules;
    if (!Array.isArray(rules)) {
      report(at, `the group's rules are ${kindOf(rules)}, not a list`, "write rules: [ ... ]");
      ok = false;
      return;
    }
    rules.forEach((rule, r) => {
      const alert = rule?.alert;
      const record = rule?.record;
      const ruleAt = [...at, isText(alert) ? `alert ${alert}` : isText(record) ? `record ${record}` : `rule #${r + 1}`];
      if (typeof rule !== "object" || rule === null || Array.isArray(rule)) {
        report(ruleAt, `the rule is ${kindOf(rule)}, not an alerting or recording rule`, "use alert({...}) or write { record, expr }");
        ok = false;
        return;
      }
      if (!isText(alert) && !isText(record)) {
        report(ruleAt, "the rule has neither an alert nor a record name", "name it: { alert: 'HighErrorRate', expr, ... }");
        ok = false;
      }
      const expr = rule.expr;
      if (!isText(expr)) {
        report(
          ruleAt,
          expr === void 0 ? "the rule has no expr" : `expr is ${kindOf(expr)}, not a PromQL expression`,
          "give it the PromQL it evaluates: expr: 'sum(rate(http_requests_total[5m])) > 0'"
        );
        ok = false;
      }
      for (const field of ["labels", "annotations"])
        ok = stringMap(rule[field], ruleAt, field, report) && ok;
      for (const field of ["for", "keep_firing_for"]) {
        const v = rule[field];
        if (v !== void 0 && typeof v !== "string") {
          report(ruleAt, `${field} is ${kindOf(v)}, not a duration`, `write ${field}: '5m'`);
          ok = false;
        }
      }
    });
  });
  return ok ? value : void 0;
}
function testCasesFrom(value, report) {
  if (value === void 0) return [];
  if (!Array.isArray(value)) {
    report(
      [],
      `tests() returned ${kindOf(value)}, not a list of promtool test cases`,
      "return [{ interval, input_series, alert_rule_test }]"
    );
    return void 0;
  }
  let ok = true;
  value.forEach((c, i) => {
    if (typeof c !== "object" || c === null || !Array.isArray(c.input_series)) {
      report(
        [`test #${i + 1}`],
        "the test case has no input_series list",
        "write { interval: '1m', input_series: [...], alert_rule_test: [...] }"
      );
      ok = false;
    }
  });
  return ok ? value : void 0;
}
function reporter(problems, file, base) {
  return (path, message, hint) => problems.push({ severity: "error", check: "build/returned", where: { file, path: [...base, ...path] }, message, hint });
}
export {
  dashboardFrom,
  reporter,
  ruleGroupsFrom,
  testCasesFrom
};
