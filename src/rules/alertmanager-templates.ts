/**
 * Notification templates that go with the generated Alertmanager config (out/alertmanager/templates/):
 * what fired, how many, each alert's summary and description, and the runbook and dashboard links
 * every dac alert carries as the `runbook_url` and `dashboard_url` annotations. A resolved
 * notification says RESOLVED in its title and on each alert.
 *
 * They are Go text/template definitions, rendered by Alertmanager itself with its own data
 * (.Status, .Alerts, .CommonLabels, …); `amtool template render` renders them the same way.
 */

/** Relative to alertmanager.yml: Alertmanager resolves template paths against the config's folder. */
export const TEMPLATE_GLOB = 'templates/*.tmpl';

export const TEMPLATE_NAMES = {
  title: 'dac.title',
  plainText: 'dac.text',
  runbookUrl: 'dac.runbook_url',
  dashboardUrl: 'dac.dashboard_url',
  slackTitle: 'dac.slack.title',
  slackText: 'dac.slack.text',
  slackColor: 'dac.slack.color',
  emailSubject: 'dac.email.subject',
  emailText: 'dac.email.text',
  pagerdutyDescription: 'dac.pagerduty.description',
  pagerdutySeverity: 'dac.pagerduty.severity',
  opsgeniePriority: 'dac.opsgenie.priority',
} as const;

const N = TEMPLATE_NAMES;
const TIME = '"2006-01-02 15:04:05 UTC"';

/** Labels the text already shows on their own; the rest are listed. */
const SHOWN = ['alertname', 'severity', 'service', 'instance'];

function common(environmentLabel: string): string {
  const notShown = SHOWN.map((l) => `(eq .Name "${l}")`).join(' ');
  return `{{ define "${N.title}" -}}
[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}{{ with .CommonLabels.service }} · {{ . }}{{ end }}{{ with index .CommonLabels "${environmentLabel}" }} · {{ . }}{{ end }}
{{- end }}

{{/* The first alert's links: a group holds one alert name of one service, so they are the group's. */}}
{{ define "${N.runbookUrl}" }}{{ with index .Alerts 0 }}{{ .Annotations.runbook_url }}{{ end }}{{ end }}
{{ define "${N.dashboardUrl}" }}{{ with index .Alerts 0 }}{{ .Annotations.dashboard_url }}{{ end }}{{ end }}

{{ define "dac.alert.labels" -}}
{{ range .Labels.SortedPairs }}{{ if not (or ${notShown}) }} {{ .Name }}={{ .Value }}{{ end }}{{ end }}
{{- end }}

{{ define "dac.alert.text" -}}
{{ .Status | toUpper }} {{ .Labels.alertname }} (severity {{ .Labels.severity }}{{ with .Labels.instance }}, instance {{ . }}{{ end }})
Summary: {{ .Annotations.summary }}
{{ with .Annotations.description }}Description: {{ . }}
{{ end }}{{ with .Annotations.runbook_url }}Runbook: {{ . }}
{{ end }}{{ with .Annotations.dashboard_url }}Dashboard: {{ . }}
{{ end }}Labels:{{ template "dac.alert.labels" . }}
Started: {{ .StartsAt.UTC.Format ${TIME} }}{{ if eq .Status "resolved" }}, resolved: {{ .EndsAt.UTC.Format ${TIME} }}{{ end }}
{{ end }}

{{ define "${N.plainText}" -}}
{{ .Alerts.Firing | len }} firing, {{ .Alerts.Resolved | len }} resolved.
{{ range .Alerts }}
{{ template "dac.alert.text" . }}{{ end }}
{{- end }}
`;
}

const slack = `{{ define "${N.slackTitle}" }}{{ template "${N.title}" . }}{{ end }}

{{ define "${N.slackColor}" -}}
{{ if eq .Status "resolved" }}good{{ else if match "^(critical|page)$" .CommonLabels.severity }}danger{{ else }}warning{{ end }}
{{- end }}

{{ define "${N.slackText}" -}}
{{ range .Alerts -}}
*{{ if eq .Status "firing" }}Firing{{ else }}Resolved{{ end }}:* {{ .Annotations.summary }}
{{ with .Annotations.description }}{{ . }}
{{ end }}_severity {{ .Labels.severity }}{{ with .Labels.instance }}, instance {{ . }}{{ end }}{{ template "dac.alert.labels" . }}_
{{ with .Annotations.runbook_url }}<{{ . }}|Runbook>{{ end }}{{ if and .Annotations.runbook_url .Annotations.dashboard_url }} · {{ end }}{{ with .Annotations.dashboard_url }}<{{ . }}|Dashboard>{{ end }}

{{ end }}
{{- end }}
`;

const email = `{{ define "${N.emailSubject}" }}{{ template "${N.title}" . }}{{ end }}

{{ define "${N.emailText}" -}}
{{ template "${N.plainText}" . }}
--
Sent by Alertmanager{{ with .ExternalURL }} ({{ . }}){{ end }} to {{ .Receiver }}.
{{- end }}
`;

const pagerduty = `{{/* PagerDuty's summary: at most 1024 characters, one line. */}}
{{ define "${N.pagerdutyDescription}" -}}
{{ template "${N.title}" . }}: {{ with index .Alerts 0 }}{{ .Annotations.summary }}{{ end }}{{ if gt (len .Alerts) 1 }} ({{ len .Alerts }} alerts){{ end }}
{{- end }}

{{/* Events API v2 severities are critical, error, warning and info. */}}
{{ define "${N.pagerdutySeverity}" -}}
{{ with index .Alerts 0 }}{{ if match "^(critical|page)$" .Labels.severity }}critical{{ else if match "^(warning|ticket)$" .Labels.severity }}warning{{ else if eq .Labels.severity "info" }}info{{ else }}error{{ end }}{{ end }}
{{- end }}
`;

const opsgenie = `{{ define "${N.opsgeniePriority}" -}}
{{ with index .Alerts 0 }}{{ if match "^(critical|page)$" .Labels.severity }}P1{{ else if match "^(warning|ticket)$" .Labels.severity }}P3{{ else }}P5{{ end }}{{ end }}
{{- end }}
`;

/** The template files, by path relative to out/, each opening with where it comes from. */
export function notificationTemplates(environmentLabel: string, source: string): Map<string, string> {
  const header = `{{/* generated by dac from ${source} — do not edit */}}\n`;
  return new Map(
    Object.entries({ common: common(environmentLabel), slack, email, pagerduty, opsgenie }).map(([name, text]) => [
      `alertmanager/templates/${name}.tmpl`,
      header + text,
    ]),
  );
}
