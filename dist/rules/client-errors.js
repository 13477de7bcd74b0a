import { parseDuration } from "../core/duration.js";
import { humanizePercentage } from "./humanize.js";
import { num, selector, serviceLabels, serviceSeries } from "./promql.js";
const CLIENT_ERROR_ALERT = "HighClientErrorRate";
function statusText(status) {
  return status === "4.." ? "a client error (4xx)" : `status ${status.replace(/\|/g, " or ")}`;
}
function statusMatcher(label, status) {
  return /^[0-9a-zA-Z]+$/.test(status) ? [label, "=", status] : [label, "=~", status];
}
function clientErrorDraft(service, window) {
  const config = service.clientErrorAlert;
  if (!config) return void 0;
  const { http } = service.profile;
  const traffic = `sum(rate(${serviceSeries(service, http.requests)}[${window}]))`;
  const matching = `sum(rate(${serviceSeries(service, http.requests, [statusMatcher(http.labels.status, config.status)])}[${window}]))`;
  const guard = config.minRequestRate > 0 ? `>= ${num(config.minRequestRate)}` : "> 0";
  const what = statusText(config.status);
  return {
    id: "HighClientErrorRate",
    alert: CLIENT_ERROR_ALERT,
    expr: (x) => `(${matching} / ${traffic}) > ${num(x)} and ${traffic} ${guard}`,
    threshold: config.ratio,
    for: config.for,
    severity: "warning",
    dashboard: "http-overview",
    resultLabels: [],
    summary: `${service.title} answers {{ $value | humanizePercentage }} of requests with ${what}`,
    description: (x, f) => `{{ $value | humanizePercentage }} of ${service.title} requests got ${what} over the last ${window}, above the level of ${humanizePercentage(x)} for ${f}. Clients ask for what the service does not serve: a route or resource lost in a deploy, a client with a broken contract, or a scanner. "Responses by status code" shows which code and since when.`
  };
}
function matchingStatus(status) {
  const re = new RegExp(`^(?:${status})$`);
  const candidates = ["404", "4xx"];
  for (let c = 100; c < 600; c++) candidates.push(String(c));
  return candidates.find((c) => re.test(c));
}
function clientErrorScenarios(service, alert, instance) {
  const config = service.clientErrorAlert;
  const code = config && matchingStatus(config.status);
  if (!alert || !config || !code || alert.threshold === void 0) return [];
  const level = alert.threshold;
  const l = service.profile.http.labels;
  const forMinutes = Math.ceil(parseDuration(alert.rule.for ?? "0s") / 60);
  const evalMinutes = forMinutes + 15;
  const counter = (perMinute) => `0+${perMinute}x${evalMinutes + 5}`;
  const requests = (perMinute) => Object.entries(perMinute).map(([status, n2]) => ({
    series: selector(
      service.profile.http.requests,
      Object.entries({ ...serviceLabels(service), instance, [l.handler]: "/items/{item_id}", [l.method]: "GET", [l.status]: status }).map(
        ([k, v]) => [k, "=", v]
      )
    ),
    values: counter(n2)
  }));
  const ok = code === "200" ? "201" : "200";
  const n = Math.max(1e3, 10 ** Math.ceil(Math.log10(4 / level)));
  const share = (ratio, perMinute = n) => {
    const bad = Math.round(perMinute * ratio);
    return { input: requests({ [ok]: perMinute - bad, [code]: bad }), value: bad / perMinute };
  };
  const evalTime = `${evalMinutes}m`;
  const above = share(Math.min(1, level * 2));
  const below = share(level / 2);
  const out = [
    { name: `${code} responses at twice the level`, input: above.input, evalTime, firing: [{ alert, value: above.value }] },
    { name: `${code} responses at half the level`, input: below.input, evalTime, firing: [] }
  ];
  const trickle = Math.floor(config.minRequestRate * 60 / 2);
  if (trickle >= 1)
    out.push({ name: `every request ${code} at a trickle of traffic`, input: requests({ [code]: trickle }), evalTime, firing: [] });
  return out;
}
export {
  CLIENT_ERROR_ALERT,
  clientErrorDraft,
  clientErrorScenarios,
  matchingStatus
};
