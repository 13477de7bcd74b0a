import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { describe, expect, it } from 'vitest';
import { normalizeDashboard, refIdFor } from '../src/dashboards/normalize.js';
import { dashboardUid, UID_CHARSET, UID_MAX } from '../src/core/uid.js';

type Box = { x: number; y: number; w: number; h: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function pseudoRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('dashboard layout', () => {
  it('never overlaps panels, whatever their sizes, and keeps them on the 24-column grid', () => {
    const rand = pseudoRandom(42);
    for (let trial = 0; trial < 50; trial++) {
      const panels = Array.from({ length: 30 }, (_, i) =>
        rand() < 0.15
          ? { type: 'row', title: `row ${i}`, panels: [] }
          : { type: 'timeseries', title: `p${i}`, gridPos: { x: 0, y: 0, w: 1 + Math.floor(rand() * 24), h: 1 + Math.floor(rand() * 12) } },
      );
      const out = normalizeDashboard({ title: 't', panels } as unknown as Dashboard, { uid: 'u', title: 't' });
      const boxes = (out.panels ?? []).map((p) => p.gridPos as Box);
      boxes.forEach((a, i) => {
        expect(a.x + a.w).toBeLessThanOrEqual(24);
        boxes.slice(i + 1).forEach((b) => expect(overlaps(a, b)).toBe(false));
      });
    }
  });

  it('numbers panels and their queries in reading order', () => {
    const out = normalizeDashboard(
      {
        title: 't',
        panels: [
          { type: 'stat', title: 'a', targets: [{ refId: 'Z' }, { refId: 'Z' }] },
          { type: 'row', title: 'r', panels: [{ type: 'stat', title: 'b', targets: [{}] }] },
        ],
      } as unknown as Dashboard,
      { uid: 'x', title: 'X' },
    );
    const panels = out.panels as unknown as { id: number; targets?: { refId: string }[]; panels?: { id: number }[] }[];
    expect(panels.map((p) => p.id)).toEqual([1, 2]);
    expect(panels[0]!.targets!.map((t) => t.refId)).toEqual(['A', 'B']);
    expect(panels[1]!.panels![0]!.id).toBe(3);
    expect(out.editable).toBe(false);
  });

  it('names queries like Grafana: A…Z, then AA', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(refIdFor)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('dashboard uids', () => {
  it('are <service>-<id> when short enough', () => {
    expect(dashboardUid('items-api', 'http-overview')).toBe('items-api-http-overview');
  });

  it('stay within 40 characters of [a-zA-Z0-9_-], stable and distinct when long', () => {
    const a = dashboardUid('payments-gateway-europe', 'database-performance-details');
    const b = dashboardUid('payments-gateway-europe', 'database-performance-summary');
    for (const uid of [a, b]) {
      expect(uid.length).toBeLessThanOrEqual(UID_MAX);
      expect(uid).toMatch(UID_CHARSET);
    }
    expect(a).not.toBe(b);
    expect(dashboardUid('payments-gateway-europe', 'database-performance-details')).toBe(a);
  });
});
