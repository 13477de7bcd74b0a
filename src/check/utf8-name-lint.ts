/**
 * UTF-8 metric and label names in an expression a module wrote itself (a custom dashboard's
 * `series(service, 'http.server.active_requests')`): fine for a project whose floor is Prometheus 3,
 * which reads them quoted; for a 2.x floor an error, since Prometheus 2 cannot parse the quoted form.
 * Names from the config are refused earlier, where the config gives them (config/names.ts).
 */
import { isLegacyLabelName, isLegacyMetricName } from '../core/promql-text.js';
import type { PromqlNode } from '../promql/index.js';
import type { ExprFinding } from './expr-lint.js';

const HINT =
  'set minPrometheusVersion: 3 in the config if every Prometheus that loads these files runs 3.0 or newer; for Prometheus 2, use the name it stores, each other character as _';

function finding(kind: 'metric' | 'label', name: string, offset: number): ExprFinding {
  return {
    check: 'promql/utf8-name',
    severity: 'error',
    message: `"${name}" is a UTF-8 ${kind} name, which only Prometheus 3 reads (quoted); the configured floor is Prometheus 2 (minPrometheusVersion)`,
    hint: HINT,
    offset,
  };
}

export function utf8NameFindings(node: PromqlNode): ExprFinding[] {
  const labels = (names: readonly string[]) => names.filter((l) => !isLegacyLabelName(l)).map((l) => finding('label', l, node.from));
  switch (node.kind) {
    case 'selector': {
      // `{__name__="a.b"}` is a matcher's value, which Prometheus 2 parses: only the quoted name form is 3's.
      const quotedName = node.metric !== undefined && !node.matchers.some((m) => m.label === '__name__');
      return [
        ...(quotedName && !isLegacyMetricName(node.metric!) ? [finding('metric', node.metric!, node.from)] : []),
        ...node.matchers.filter((m) => !isLegacyLabelName(m.label)).map((m) => finding('label', m.label, m.from)),
      ];
    }
    case 'aggregate':
      return labels(node.grouping?.labels ?? []);
    case 'binary':
      return labels([...(node.matching?.labels ?? []), ...(node.matching?.group?.include ?? [])]);
    default:
      return [];
  }
}
