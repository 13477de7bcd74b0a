import { DacError } from "../core/diagnostic.js";
import { LABEL_NAME, NAME, isObject, notifierProblems, resolveEmail, secretOrUnknown, timeRangeProblems } from "./notifier-checks.js";
import {
  URGENCIES
} from "./routing-types.js";
export * from "./routing-types.js";
function resolveAlerting(config, file, serviceNames) {
  const raw = config?.alerting;
  if (raw === void 0) return void 0;
  const problems = [];
  const at = (path, message, hint) => problems.push({
    severity: "error",
    check: "config/alerting",
    where: { file, path: ["alerting", ...path] },
    message,
    ...hint ? { hint } : {}
  });
  if (!isObject(raw)) {
    at([], "must be an object", "alerting: { defaultTeam: 'ops', teams: [ ... ] }");
    throw new DacError(problems);
  }
  const cfg = raw;
  const intervals = isObject(cfg.timeIntervals) ? cfg.timeIntervals : {};
  for (const [name, ranges] of Object.entries(intervals)) {
    if (!NAME.test(name)) at([`timeIntervals.${name}`], "is not a valid interval name", "use lower-case letters, digits and dashes");
    if (!Array.isArray(ranges) || ranges.length === 0)
      at(
        [`timeIntervals.${name}`],
        "must be a non-empty list of time ranges",
        "e.g. [{ weekdays: ['monday:friday'], times: [{ start: '09:00', end: '18:00' }] }]"
      );
    else ranges.forEach((r, i) => timeRangeProblems(r).forEach((m) => at([`timeIntervals.${name}[${i}]`], m)));
  }
  const intervalRef = (where, names) => {
    if (names === void 0) return [];
    if (!Array.isArray(names) || !names.every((n) => typeof n === "string")) {
      at(where, "must be a list of time interval names", "e.g. ['business-hours']");
      return [];
    }
    for (const n of names)
      if (!(n in intervals))
        at(
          where,
          `names the time interval "${n}", which alerting.timeIntervals does not define`,
          `define it: timeIntervals: { '${n}': [ ... ] }`
        );
    return [...names];
  };
  const email = resolveEmail(cfg.email, at);
  const teams = [];
  const teamNames = /* @__PURE__ */ new Set();
  const owner = /* @__PURE__ */ new Map();
  const claim = (what, team, where) => {
    const prev = owner.get(what);
    if (prev && prev !== team) at(where, `${what} is also owned by team ${prev}`, "give each service, alert and SLO one owning team");
    else owner.set(what, team);
  };
  const teamList = Array.isArray(cfg.teams) ? cfg.teams : [];
  if (!Array.isArray(cfg.teams) || cfg.teams.length === 0)
    at(
      ["teams"],
      "must list at least one team",
      "teams: [{ name: 'ops', notifiers: { mail: { kind: 'email', to: 'ops@example.com' } }, paths: { page: ['mail'] } }]"
    );
  teamList.forEach((team, i) => {
    const label = `team ${typeof team?.name === "string" ? team.name : `#${i + 1}`}`;
    if (!isObject(team)) return at([label], "must be an object");
    if (typeof team.name !== "string" || !NAME.test(team.name))
      at(
        [label, "name"],
        `${JSON.stringify(team.name)} is not a valid team name`,
        "use lower-case letters, digits and dashes, starting with a letter"
      );
    else if (teamNames.has(team.name)) at([label, "name"], `two teams are named "${team.name}"`);
    else teamNames.add(team.name);
    const names = (field) => {
      const v = team[field];
      if (v === void 0) return [];
      if (!Array.isArray(v) || !v.every((s) => typeof s === "string" && s !== "")) {
        at([label, field], "must be a list of names");
        return [];
      }
      return [...v];
    };
    const services = names("services");
    for (const s of services) {
      if (!serviceNames.includes(s))
        at([label, "services"], `names the service "${s}", which the config does not define`, `use one of ${serviceNames.join(", ")}`);
      claim(`service ${s}`, team.name, [label, "services"]);
    }
    const alerts = names("alerts");
    for (const a of alerts) claim(`alert ${a}`, team.name, [label, "alerts"]);
    const slos = names("slos");
    for (const s of slos) claim(`SLO ${s}`, team.name, [label, "slos"]);
    const notifiers = [];
    if (!isObject(team.notifiers) || Object.keys(team.notifiers).length === 0)
      at(
        [label, "notifiers"],
        "must name at least one notifier",
        "notifiers: { chat: { kind: 'slack', channel: '#alerts', apiUrlFile: '/etc/alertmanager/secrets/slack-url' } }"
      );
    else
      for (const [name, n] of Object.entries(team.notifiers)) {
        const where = [label, `notifier ${name}`];
        if (!NAME.test(name)) at(where, `"${name}" is not a valid notifier name`, "use lower-case letters, digits and dashes");
        const ok = notifierProblems(n, name, team.name, (field, message, hint) => at(field ? [...where, field] : where, message, hint));
        if (ok && n.kind === "email" && !email)
          at(
            [...where],
            "sends mail, but alerting.email names no SMTP server",
            "add email: { smarthost: 'smtp.example.com:587', from: 'alerts@example.com' }"
          );
        if (ok) notifiers.push({ team: team.name, name, receiver: `${team.name}-${name}`, notifier: n });
      }
    const pathsOf = (where, p) => {
      if (!isObject(p)) {
        at(where, "must map urgencies (page, ticket, info) to notifier names", "e.g. { page: ['pager', 'chat'], ticket: ['chat'] }");
        return {};
      }
      const out = {};
      for (const [u, list] of Object.entries(p)) {
        if (!URGENCIES.includes(u)) {
          at([...where, u], `"${u}" is not an urgency`, "use page (severity critical, page), ticket (warning, ticket) or info");
          continue;
        }
        if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === "string")) {
          at(
            [...where, u],
            "must be a non-empty list of notifier names",
            `e.g. ${u}: ['${Object.keys(team.notifiers ?? {})[0] ?? "chat"}']`
          );
          continue;
        }
        for (const x of list)
          if (!isObject(team.notifiers) || !(x in team.notifiers))
            at(
              [...where, u],
              `names the notifier "${x}", which the team does not have`,
              `use one of ${Object.keys(team.notifiers ?? {}).join(", ") || "(none defined)"}`
            );
        out[u] = [...new Set(list)];
      }
      if (Object.keys(out).length === 0 && Object.keys(p).length === 0)
        at(where, "gives no path: every alert of the team would go nowhere", "e.g. { page: ['pager', 'chat'], ticket: ['chat'] }");
      return out;
    };
    const paths = pathsOf([label, "paths"], team.paths);
    const environments = [];
    if (team.environments !== void 0) {
      if (!isObject(team.environments))
        at([label, "environments"], "must map environment names to paths", "e.g. { staging: { page: ['chat'] } }");
      else
        for (const [env, p] of Object.entries(team.environments))
          environments.push({ value: env, paths: pathsOf([label, `environments.${env}`], p) });
    }
    const onlyDuring = {};
    if (team.onlyDuring !== void 0) {
      if (!isObject(team.onlyDuring))
        at([label, "onlyDuring"], "must map urgencies to time interval names", "e.g. { ticket: ['business-hours'] }");
      else
        for (const [u, list] of Object.entries(team.onlyDuring)) {
          if (!URGENCIES.includes(u)) at([label, `onlyDuring.${u}`], `"${u}" is not an urgency`, "use page, ticket or info");
          else onlyDuring[u] = intervalRef([label, `onlyDuring.${u}`], list);
        }
    }
    const mutedDuring = intervalRef([label, "mutedDuring"], team.mutedDuring);
    const byName = new Map(notifiers.map((n) => [n.name, n]));
    const fill = (p, base) => {
      const pick = (u) => (p[u] ?? []).map((x) => byName.get(x)).filter((x) => x !== void 0);
      const given = Object.fromEntries(URGENCIES.map((u) => [u, pick(u)]));
      const order = {
        page: ["page", "ticket", "info"],
        ticket: ["ticket", "info", "page"],
        info: ["info", "ticket", "page"]
      };
      return Object.fromEntries(
        URGENCIES.map((u) => {
          const own = order[u].map((v) => given[v]).find((l) => l.length > 0);
          return [u, given[u].length > 0 ? given[u] : base ? base[u] : own ?? []];
        })
      );
    };
    const resolvedPaths = fill(paths);
    teams.push({
      name: team.name,
      services,
      alerts,
      slos,
      notifiers,
      paths: resolvedPaths,
      environments: environments.map((e) => ({ value: e.value, paths: fill(e.paths, resolvedPaths) })),
      onlyDuring,
      mutedDuring
    });
  });
  if (typeof cfg.defaultTeam !== "string" || !teamNames.has(cfg.defaultTeam))
    at(
      ["defaultTeam"],
      cfg.defaultTeam === void 0 ? "is missing: alerts no team owns would go nowhere" : `${JSON.stringify(cfg.defaultTeam)} is not one of the teams`,
      `name one of the teams: ${[...teamNames].join(", ") || "(none defined)"}`
    );
  const groupBy = cfg.groupBy ?? ["alertname", "service", "environment"];
  if (!Array.isArray(groupBy) || groupBy.length === 0 || !groupBy.every((l) => typeof l === "string" && (LABEL_NAME.test(l) || l === "...")))
    at(
      ["groupBy"],
      `must be a non-empty list of label names, got ${JSON.stringify(groupBy)}`,
      "e.g. ['alertname', 'service', 'environment']"
    );
  const environmentLabel = cfg.environmentLabel ?? "environment";
  if (typeof environmentLabel !== "string" || !LABEL_NAME.test(environmentLabel))
    at(["environmentLabel"], `${JSON.stringify(environmentLabel)} is not a label name`, "e.g. 'environment' or 'env'");
  for (const key of Object.keys(cfg))
    if (!["teams", "defaultTeam", "groupBy", "environmentLabel", "email", "timeIntervals"].includes(key))
      secretOrUnknown(key, [], at, "alerting");
  if (problems.length > 0) throw new DacError(problems);
  return {
    teams,
    defaultTeam: cfg.defaultTeam,
    groupBy: [...groupBy],
    environmentLabel,
    ...email ? { email } : {},
    timeIntervals: { ...intervals }
  };
}
export {
  resolveAlerting
};
