/**
 * Rules that cannot fire, or fire on a healthy service, are build errors located in the
 * definition, with a fix that names the nearest bucket boundaries, and the build writes nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { DacError } from '../src/core/diagnostic.js';
import type { ServiceConfig } from '../src/config/types.js';
import { resolveConfig } from '../src/config/validate.js';
import type { ServiceAlertOptions } from '../src/rules/alerts.js';
import { serviceAlerts } from '../src/rules/alerts.js';
import { copyProject, type ProjectCopy } from '../tools/project-copy.js';
import { contextFor, itemsApi } from './setup/rules-harness.js';

const base = (overrides: Partial<ServiceConfig>): ServiceConfig => ({
  name: 'orders',
  title: 'Orders',
  selector: { job: 'orders' },
  ...overrides,
});

function problems(run: () => unknown): Diagnostic[] {
  try {
    run();
  } catch (e) {
    if (e instanceof DacError) return e.diagnostics;
    throw e;
  }
  return [];
}

const configProblems = (svc: ServiceConfig) => problems(() => resolveConfig({ services: [svc] }, 'dac.config.ts'));

function alertProblems(svc: ServiceConfig, options?: ServiceAlertOptions): Diagnostic[] {
  const [service] = resolveConfig({ services: [svc] }, 'dac.config.ts');
  return problems(() => serviceAlerts(contextFor(service!), options));
}

const located = (d: Diagnostic) => [d.where.file, ...d.where.path].join(' › ');

describe('a latency SLO threshold that is not a bucket boundary', () => {
  it('is an error on the instrumentator, naming the boundaries either side', () => {
    const [d, ...rest] = configProblems(
      base({ slos: [{ name: 'latency', kind: 'latency', objective: 99, period: '30d', thresholdSeconds: 0.3 }] }),
    );
    expect(rest).toEqual([]);
    expect(located(d!)).toBe('dac.config.ts › service orders › slos[0] (latency).thresholdSeconds');
    expect(d!.message).toContain('0.3 s is not a bucket boundary of http_request_duration_highr_seconds');
    expect(d!.hint).toContain('e.g. 0.25 or 0.5');
  });

  it("is an error on the flask exporter's buckets too", () => {
    const [d] = configProblems(
      base({
        profile: 'flask-exporter',
        slos: [{ name: 'latency', kind: 'latency', objective: 99, period: '30d', thresholdSeconds: 0.3 }],
      }),
    );
    expect(d!.message).toContain('not a bucket boundary of flask_http_request_duration_seconds');
    expect(d!.hint).toContain('e.g. 0.25 or 0.5');
  });

  it('is accepted once the service declares the boundary it really has', () => {
    expect(
      configProblems(
        base({
          histograms: { http_request_duration_seconds: [0.1, 0.3, 0.5, 1] },
          slos: [{ name: 'latency', kind: 'latency', objective: 99, period: '30d', thresholdSeconds: 0.3 }],
        }),
      ),
    ).toEqual([]);
  });
});

describe('a slow-query threshold that is not a bucket boundary', () => {
  it('is an error naming the boundaries either side', () => {
    const [d] = configProblems(
      base({
        thresholds: { slowQuerySeconds: 0.2 },
        database: { queryDuration: 'db_query_duration_seconds', buckets: [0.01, 0.1, 0.25, 1] },
      }),
    );
    expect(located(d!)).toBe('dac.config.ts › service orders › thresholds.slowQuerySeconds');
    expect(d!.hint).toBe('use a boundary, e.g. 0.1 or 0.25');
  });
});

describe('a quantile alert at or above the highest finite bucket', () => {
  it('is an error where the threshold was set: histogram_quantile can never return more', () => {
    // A Flask service left on a histogram that ends at 1 s.
    const [d, ...rest] = alertProblems(
      base({ profile: 'flask-exporter', histograms: { flask_http_request_duration_seconds: [0.1, 0.5, 1] } }),
    );
    expect(rest).toEqual([]);
    expect(located(d!)).toBe('dac.config.ts › service orders › thresholds.latencyP99Seconds');
    expect(d!.message).toContain('HighLatencyCritical (p99 > 1 s) can never fire');
    expect(d!.message).toContain('highest finite bucket, 1 s');
    expect(d!.hint).toContain('below 1 s, e.g. 0.5');
  });

  it('is an error in the rule module when an override sets it', () => {
    const [d] = alertProblems(base({}), { overrides: { HighLatencyCritical: { threshold: 60 } } });
    expect(located(d!)).toBe('rules › service orders › alert HighLatencyCritical › threshold');
    expect(d!.message).toContain('highest finite bucket, 60 s');
  });

  it('covers the database quantile', () => {
    const [d] = alertProblems(
      base({ thresholds: { dbP99Seconds: 5 }, database: { queryDuration: 'db_query_duration_seconds', buckets: [0.01, 0.1, 1, 5] } }),
    );
    expect(located(d!)).toBe('dac.config.ts › service orders › thresholds.dbP99Seconds');
  });
});

describe('an error-rate alert at or below what the availability SLO allows', () => {
  it('is an error: it fires on a service that meets its objective', () => {
    const [d] = alertProblems(
      base({
        thresholds: { errorRatioWarning: 0.001 },
        slos: [{ name: 'availability', kind: 'availability', objective: 99.9, period: '30d' }],
      }),
    );
    expect(located(d!)).toBe('dac.config.ts › service orders › thresholds.errorRatioWarning');
    expect(d!.message).toContain('fires on a service that meets its objective');
  });
});

describe('the built-in Items API', () => {
  it('emits only alerts that can fire on its real buckets', () => {
    expect(problems(() => serviceAlerts(contextFor(itemsApi())))).toEqual([]);
  });
});

describe('dac build', () => {
  let project: ProjectCopy;
  beforeAll(() => {
    project = copyProject('dac-unfireable-');
  });
  afterAll(() => project.remove());

  it('stops on an unmeasurable SLO threshold, located, and leaves out/ as it was', () => {
    expect(project.dac('build').code).toBe(0);
    const before = project.outDigest();
    const file = path.join(project.dir, 'dac.config.ts');
    const config = readFileSync(file, 'utf8');
    writeFileSync(file, config.replace('thresholdSeconds: 0.5', 'thresholdSeconds: 0.3'));
    const r = project.dac('build');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('dac.config.ts › service items-api › slos[1] (latency).thresholdSeconds');
    expect(r.stderr).toContain('e.g. 0.25 or 0.5');
    expect(r.stderr).toContain('out/ was left unchanged');
    expect(project.outDigest()).toEqual(before);
  });
});
