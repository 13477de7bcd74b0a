import { GrafanaHttpError } from "./http.js";
function serverMessage(body) {
  if (body && typeof body === "object" && "message" in body && typeof body.message === "string")
    return body.message.slice(0, 300);
  return typeof body === "string" ? body.replace(/\s+/g, " ").trim().slice(0, 200) : "";
}
function explain(method, path, res, subject) {
  const said = serverMessage(res.body);
  const status = res.body?.status;
  const base = { method, path, status: res.status, body: res.body, subject };
  switch (true) {
    case res.status === 401:
      return new GrafanaHttpError({
        ...base,
        kind: "credentials",
        message: `Grafana refused the credentials (401) for ${subject}${said ? `: ${said}` : ""}`,
        fix: "set GRAFANA_TOKEN to a valid service-account token, or GRAFANA_USER and GRAFANA_PASSWORD"
      });
    case res.status === 403:
      return new GrafanaHttpError({
        ...base,
        kind: "credentials",
        message: `the service account may not do this (403) for ${subject}${said ? `: ${said}` : ""}`,
        fix: "give the service account the Editor role, or write access to the folder"
      });
    case res.status === 404:
      return new GrafanaHttpError({ ...base, message: `${subject} was not found (404)${said ? `: ${said}` : ""}` });
    case (res.status === 412 && status === "version-mismatch"):
      return new GrafanaHttpError({
        ...base,
        message: `${subject} was changed in Grafana since dac read it (412 version-mismatch)`,
        fix: "run `dac diff` to see the change, then push again"
      });
    case (res.status === 412 && status === "name-exists"):
      return new GrafanaHttpError({
        ...base,
        message: `${subject}: another dashboard in the same folder already has this title (412 name-exists)`,
        fix: "rename one of them or move it to another folder"
      });
    case res.status === 412:
      return new GrafanaHttpError({
        ...base,
        message: `${subject} was refused (412${status ? ` ${status}` : ""})${said ? `: ${said}` : ""}`
      });
    case (res.status >= 500 || res.status === 429):
      return new GrafanaHttpError({
        ...base,
        kind: "server",
        message: `Grafana kept failing with ${res.status} for ${subject}${said ? `: ${said}` : ""}; retried and gave up`,
        fix: "check Grafana's logs and its load, then run the command again: what was done is kept"
      });
    default:
      return new GrafanaHttpError({ ...base, message: `Grafana answered ${res.status} for ${subject}${said ? `: ${said}` : ""}` });
  }
}
export {
  explain,
  serverMessage
};
