/**
 * Turns whatever a dashboard definition built into the canonical form dac emits: ids, refIds and grid
 * positions assigned by order (so a reordered definition, not a random counter, changes the output),
 * a layout that never overlaps, and the fields that make code the source of truth.
 */
import type { Dashboard, Panel, RowPanel } from '@grafana/grafana-foundation-sdk/dashboard';

const GRID_WIDTH = 24;
const DEFAULT_W = 12;
const DEFAULT_H = 8;

type AnyPanel = (Panel | RowPanel) & { panels?: Panel[]; targets?: { refId?: string }[] };

export interface NormalizeOptions {
  uid: string;
  title: string;
}

/** refId for the n-th query (0-based): A … Z, then AA, AB … like Grafana. */
export function refIdFor(n: number): string {
  let s = '';
  let i = n;
  do {
    s = String.fromCharCode(65 + (i % 26)) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return s;
}

/**
 * Flow layout: panels fill a line left to right; a panel that does not fit starts a new line below
 * the tallest panel of the current one. Rows take a full-width line of height 1.
 */
class Flow {
  private x = 0;
  private y = 0;
  private lineBottom = 0;

  place(w: number, h: number): { x: number; y: number; w: number; h: number } {
    const width = Math.min(Math.max(1, Math.round(w)), GRID_WIDTH);
    const height = Math.max(1, Math.round(h));
    if (this.x + width > GRID_WIDTH) this.newLine();
    const pos = { x: this.x, y: this.y, w: width, h: height };
    this.x += width;
    this.lineBottom = Math.max(this.lineBottom, this.y + height);
    return pos;
  }

  row(): { x: number; y: number; w: number; h: number } {
    this.newLine();
    const pos = { x: 0, y: this.y, w: GRID_WIDTH, h: 1 };
    this.y += 1;
    this.lineBottom = this.y;
    return pos;
  }

  private newLine(): void {
    if (this.x === 0 && this.lineBottom <= this.y) return;
    this.y = Math.max(this.lineBottom, this.y);
    this.x = 0;
  }
}

function size(p: AnyPanel): { w: number; h: number } {
  return { w: p.gridPos?.w ?? DEFAULT_W, h: p.gridPos?.h ?? DEFAULT_H };
}

/**
 * The value JSON.parse(JSON.stringify(v)) gives, without the text in between (three times faster
 * at a thousand dashboards). Not structuredClone: SDK builders leave functions on queries, which it
 * rejects, where JSON drops them.
 */
export function jsonCopy(v: unknown): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
    case 'bigint':
      throw new TypeError('a dashboard cannot hold a BigInt: JSON has no such number');
    case 'object': {
      if (v === null) return null;
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(v)) as unknown;
      if (Array.isArray(v)) {
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) out[i] = jsonCopy(v[i]) ?? null;
        return out;
      }
      if (v instanceof Number || v instanceof String || v instanceof Boolean) return jsonCopy(v.valueOf());
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        const c = jsonCopy((v as Record<string, unknown>)[key]);
        if (c !== undefined) out[key] = c;
      }
      return out;
    }
    default:
      return undefined; // functions, symbols and undefined: JSON leaves them out
  }
}

/** Fields only an interval variable has; the SDK's builders put them on every variable. */
const INTERVAL_ONLY = ['auto', 'auto_count', 'auto_min'] as const;

/**
 * The foundation SDK's builders start from defaults older than the Grafana release dac targets
 * (schemaVersion 42, `@grafana/schema` 13.2): fields that release no longer has are dropped, and a
 * table footer that is switched on moves to where Grafana now reads it, the field config.
 */
function dropStaleDefaults(dash: Dashboard, panels: AnyPanel[]): void {
  for (const v of (dash.templating?.list ?? []) as unknown as Record<string, unknown>[]) {
    if (v.type !== 'interval') for (const k of INTERVAL_ONLY) delete v[k];
  }
  for (const p of panels) {
    if (p.type !== 'table') continue;
    const options = (p as { options?: Record<string, unknown> }).options;
    const footer = options?.footer as { show?: boolean; reducer?: string[] } | undefined;
    if (!options || footer === undefined) continue;
    delete options.footer;
    if (footer.show && footer.reducer && footer.reducer.length > 0) {
      const fieldConfig = (p.fieldConfig ??= { defaults: {}, overrides: [] });
      const custom = (fieldConfig.defaults.custom ??= {}) as Record<string, unknown>;
      custom.footer = { reducers: footer.reducer };
    }
  }
}

export function normalizeDashboard(input: Dashboard, opts: NormalizeOptions): Dashboard {
  const dash = jsonCopy(input) as Dashboard & Record<string, unknown>;
  const flow = new Flow();
  let nextId = 1;
  const visit = (p: AnyPanel): void => {
    p.id = nextId++;
    (p.targets ?? []).forEach((t, i) => {
      t.refId = refIdFor(i);
    });
  };
  for (const panel of (dash.panels ?? []) as AnyPanel[]) {
    if (panel.type === 'row') {
      panel.gridPos = flow.row();
      visit(panel);
      // A collapsed row keeps its panels inside; Grafana lays them out below the row when expanded.
      const inner = panel.panels ?? [];
      const innerFlow = new Flow();
      for (const child of inner as AnyPanel[]) {
        const pos = innerFlow.place(size(child).w, size(child).h);
        child.gridPos = { ...pos, y: pos.y + panel.gridPos.y + 1 };
        visit(child);
      }
      continue;
    }
    const { w, h } = size(panel);
    panel.gridPos = flow.place(w, h);
    visit(panel);
  }
  const all = ((dash.panels ?? []) as AnyPanel[]).flatMap((p) => [p, ...((p.panels ?? []) as AnyPanel[])]);
  dropStaleDefaults(dash, all);
  dash.uid = opts.uid;
  dash.title = opts.title;
  dash.editable = false;
  // `dac push --prune` deletes only dashboards carrying this tag: every generated one must have it.
  dash.tags = [...new Set([...(dash.tags ?? []), 'dac'])];
  delete dash.id;
  delete dash.version;
  return dash;
}
