/**
 * Colours and value mappings panels share: status classes in fixed colours on every panel, a dead
 * target read as a red "down", per-series threshold scales.
 */
import { FieldColorModeId, MappingType, SpecialValueMatch, type ValueMapping } from '@grafana/grafana-foundation-sdk/dashboard';
import { DOWN } from './expr.js';
import { GREEN, RED, type Scale } from './thresholds.js';

/**
 * How a live stat (see `liveOrDown`) reads its sentinels: DOWN as a red "down", and NaN, where the
 * query gives it, as `idle` text in the neutral colour (e.g. "no requests" for a percentile).
 */
export function liveMappings(idle?: string): ValueMapping[] {
  const mappings: ValueMapping[] = [{ type: MappingType.ValueToText, options: { [String(DOWN)]: { text: 'down', color: RED, index: 0 } } }];
  if (idle)
    mappings.push({
      type: MappingType.SpecialValue,
      options: { match: SpecialValueMatch.NotANumber, result: { text: idle, color: 'text', index: 1 } },
    });
  return mappings;
}

/** Fixed colours of the HTTP status classes, the same on every panel: a 5xx is never green. */
export const STATUS_CLASS_COLOURS: readonly { digit: string; colour: string }[] = [
  { digit: '1', colour: 'purple' },
  { digit: '2', colour: GREEN },
  { digit: '3', colour: 'blue' },
  { digit: '4', colour: 'orange' },
  { digit: '5', colour: RED },
];

/**
 * Colours every series named after a status code ("503") or class ("5xx") by its class. With
 * `shades`, codes of one class get shades of its colour, so 500 and 503 stay apart and both red.
 * Grafana anchors a by-regexp matcher at both ends.
 */
export function withStatusColours<B extends { overrideByRegexp(regexp: string, properties: { id: string; value?: unknown }[]): B }>(
  panel: B,
  opts: { shades?: boolean } = {},
): B {
  for (const { digit, colour } of STATUS_CLASS_COLOURS)
    panel.overrideByRegexp(`${digit}(\\d\\d|xx)`, [
      { id: 'color', value: { mode: opts.shades ? FieldColorModeId.Shades : FieldColorModeId.Fixed, fixedColor: colour } },
    ]);
  return panel;
}

/**
 * Gives the series displayed as `name` its own colour scale, for panels whose series are judged
 * against different levels (SLOs with different objectives on one stat).
 */
export function withThresholdsByName<B extends { overrideByName(name: string, properties: { id: string; value?: unknown }[]): B }>(
  panel: B,
  scales: readonly { name: string; scale: Scale }[],
): B {
  for (const { name, scale } of scales)
    panel.overrideByName(name, [{ id: 'thresholds', value: { mode: 'absolute', steps: scale.steps.map((s) => ({ ...s })) } }]);
  return panel;
}
