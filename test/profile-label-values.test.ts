/**
 * The label values of every generated promtool test input are the ones the profile's real service
 * writes: a test on `method="GET"` where promhttp writes "get" passes against a series no service
 * has. Each profile's `labelValues` is checked against a real scrape, and every input series of
 * the generated tests against the profile's `labelValues`.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleLabelValues } from '../src/config/label-values.js';
import { clientGolangNative, fastapiInstrumentator, generic } from '../src/config/profiles.js';
import type { MetricProfile } from '../src/config/types.js';
import { venvPython } from '../tools/stack/paths.js';

const root = path.resolve(import.meta.dirname, '..');

type Labels = Record<string, string>;

/** The samples of `metric` on an exposition page, or (`inputs`) the input series of promtool tests, as label sets. */
function samplesOf(text: string, metric: string, inputs = false): Labels[] {
  const out: Labels[] = [];
  const line = new RegExp(`^${inputs ? '\\s*- series: ' : ''}([a-zA-Z_:][a-zA-Z0-9_:]*)\\{((?:[^}"]|"(?:[^"\\\\]|\\\\.)*")*)\\}`, 'gm');
  for (const m of text.matchAll(line)) {
    if (m[1] !== metric) continue;
    out.push(Object.fromEntries([...m[2]!.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!])));
  }
  return out;
}

const valuesOf = (samples: Labels[], label: string) => new Set(samples.map((s) => s[label]).filter((v) => v !== undefined));

/** The handler, method and success-status values of the request counter on a real scrape. */
function expectRequestValuesOn(profile: MetricProfile, requests: Labels[]) {
  const l = profile.http.labels;
  const v = profile.labelValues!;
  expect(requests.length, 'request samples on the scrape').toBeGreaterThan(0);
  for (const h of v.handlers) expect(valuesOf(requests, l.handler), `${profile.name} handler`).toContain(h);
  for (const m of v.methods) expect(valuesOf(requests, l.method), `${profile.name} method`).toContain(m);
  for (const s of v.ok) expect(valuesOf(requests, l.status), `${profile.name} ${l.status}`).toContain(s);
}

describe("each profile's labelValues are what its real service writes", () => {
  it('fastapi-instrumentator: the Items API scrape (test/fixtures/items-api-metrics.txt)', () => {
    const page = readFileSync(path.join(root, 'test/fixtures/items-api-metrics.txt'), 'utf8');
    expectRequestValuesOn(fastapiInstrumentator, samplesOf(page, 'http_requests_total'));
    expect(valuesOf(samplesOf(page, 'http_requests_total'), 'status')).toContain('404');
  });

  it('fastapi-instrumentator: the installed library writes "500", and "2xx"/"5xx" with its default grouping', () => {
    // The Items API serves no 500 on purpose and does not group codes: the library itself shows both spellings.
    const page = execFileSync(venvPython(), [path.join(root, 'test/fixtures/instrumentator-statuses.py')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const [grouped, plain] = page
      .split(/^# HELP http_requests_total /m)
      .slice(1)
      .map((p) => samplesOf(`x\n${p}`, 'http_requests_total'));
    const v = fastapiInstrumentator.labelValues!;
    expect([...valuesOf(grouped!, 'status')].sort()).toEqual([v.grouped!.ok, v.grouped!.serverError].sort());
    expect(valuesOf(plain!, 'status')).toContain(v.serverError);
    expect(valuesOf(plain!, 'method')).toContain(v.methods[0]);
  });

  for (const profile of [clientGolangNative, generic])
    it(`${profile.name}: the examples/native-api scrape (promhttp, test/fixtures/native-api-metrics.txt)`, () => {
      const page = readFileSync(path.join(root, 'test/fixtures/native-api-metrics.txt'), 'utf8');
      expectRequestValuesOn(profile, samplesOf(page, 'http_requests_total'));
      // No request failed during the capture; promhttp's own counter on the same page spells the 5xx codes.
      expect(valuesOf(samplesOf(page, 'promhttp_metric_handler_requests_total'), 'code')).toContain(profile.labelValues!.serverError);
      expect(profile.labelValues!.grouped).toBeUndefined();
    });
});

describe('generated promtool tests use only the values the profile declares', () => {
  // The Items API's clientErrorAlert asks for 404s, which its scrape shows it writes.
  const cases: [tree: string, metric: string, profile: MetricProfile, clientError?: string][] = [
    ['out/tests', 'http_requests_total', fastapiInstrumentator, '404'],
    ['test/golden/expected/native/tests', 'http_requests_total', clientGolangNative],
    ['test/golden/expected/native/tests', 'http_request_duration_seconds', clientGolangNative],
  ];
  for (const [tree, metric, profile, clientError] of cases)
    it(`${metric} in ${tree}`, () => {
      const dir = path.join(root, tree);
      const text = readdirSync(dir)
        // slo-*.test.yml test imported Sloth specs, whose inputs follow the spec's own matchers.
        .filter((f) => f.endsWith('.yml') && !f.startsWith('slo-'))
        .map((f) => readFileSync(path.join(dir, f), 'utf8'))
        .join('\n');
      const inputs = samplesOf(text, metric, true);
      expect(inputs.length).toBeGreaterThan(0);
      const l = profile.http.labels;
      const v = sampleLabelValues(profile);
      const statuses = [...v.ok, v.serverError, ...(v.grouped ? [v.grouped.ok, v.grouped.serverError] : []), clientError];
      for (const s of inputs) {
        expect(v.methods, JSON.stringify(s)).toContain(s[l.method]);
        expect(v.handlers, JSON.stringify(s)).toContain(s[l.handler]);
        if (s[l.status] !== undefined) expect(statuses, JSON.stringify(s)).toContain(s[l.status]);
      }
    });
});
