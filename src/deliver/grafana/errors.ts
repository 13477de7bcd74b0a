/** Grafana's answers, turned into sentences that say what happened and what to do. */
import { GrafanaHttpError, type GrafanaResponse } from './http.js';

export function serverMessage(body: unknown): string {
  if (body && typeof body === 'object' && 'message' in body && typeof (body as { message: unknown }).message === 'string')
    return (body as { message: string }).message;
  return typeof body === 'string' ? body.slice(0, 200) : '';
}

export function explain(method: string, path: string, res: GrafanaResponse, subject: string): GrafanaHttpError {
  const said = serverMessage(res.body);
  const status = (res.body as { status?: string } | undefined)?.status;
  let text: string;
  switch (true) {
    case res.status === 401:
      text = `Grafana refused the credentials (401) for ${subject}: set GRAFANA_TOKEN to a valid service-account token, or GRAFANA_USER and GRAFANA_PASSWORD`;
      break;
    case res.status === 403:
      text = `the service account may not do this (403) for ${subject}: give it the Editor role, or write access to the folder`;
      break;
    case res.status === 404:
      text = `${subject} was not found (404)${said ? `: ${said}` : ''}`;
      break;
    case res.status === 412 && status === 'version-mismatch':
      text = `${subject} was changed in Grafana since it was read (412 version-mismatch): run \`dac diff\` and push again`;
      break;
    case res.status === 412 && status === 'name-exists':
      text = `${subject}: another dashboard in the same folder already has this title (412 name-exists): rename one of them or move it to another folder`;
      break;
    case res.status === 412:
      text = `${subject} was refused (412${status ? ` ${status}` : ''})${said ? `: ${said}` : ''}`;
      break;
    case res.status >= 500:
      text = `Grafana failed with ${res.status} for ${subject}${said ? `: ${said}` : ''}; retried and gave up — check Grafana's logs`;
      break;
    default:
      text = `Grafana answered ${res.status} for ${subject}${said ? `: ${said}` : ''}`;
  }
  return new GrafanaHttpError(method, path, res.status, res.body, text);
}
