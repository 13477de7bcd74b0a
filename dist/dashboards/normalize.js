const GRID_WIDTH = 24;
const DEFAULT_W = 12;
const DEFAULT_H = 8;
function refIdFor(n) {
  let s = "";
  let i = n;
  do {
    s = String.fromCharCode(65 + i % 26) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return s;
}
class Flow {
  x = 0;
  y = 0;
  lineBottom = 0;
  place(w, h) {
    const width = Math.min(Math.max(1, Math.round(w)), GRID_WIDTH);
    const height = Math.max(1, Math.round(h));
    if (this.x + width > GRID_WIDTH) this.newLine();
    const pos = { x: this.x, y: this.y, w: width, h: height };
    this.x += width;
    this.lineBottom = Math.max(this.lineBottom, this.y + height);
    return pos;
  }
  row() {
    this.newLine();
    const pos = { x: 0, y: this.y, w: GRID_WIDTH, h: 1 };
    this.y += 1;
    this.lineBottom = this.y;
    return pos;
  }
  newLine() {
    if (this.x === 0 && this.lineBottom <= this.y) return;
    this.y = Math.max(this.lineBottom, this.y);
    this.x = 0;
  }
}
function size(p) {
  return { w: p.gridPos?.w ?? DEFAULT_W, h: p.gridPos?.h ?? DEFAULT_H };
}
function jsonCopy(v) {
  switch (typeof v) {
    case "string":
    case "boolean":
      return v;
    case "number":
      return Number.isFinite(v) ? v === 0 ? 0 : v : null;
    case "bigint":
      throw new TypeError("a dashboard cannot hold a BigInt: JSON has no such number");
    case "object": {
      if (v === null) return null;
      if (typeof v.toJSON === "function") return JSON.parse(JSON.stringify(v));
      if (Array.isArray(v)) {
        const out2 = new Array(v.length);
        for (let i = 0; i < v.length; i++) out2[i] = jsonCopy(v[i]) ?? null;
        return out2;
      }
      if (v instanceof Number || v instanceof String || v instanceof Boolean) return jsonCopy(v.valueOf());
      const out = {};
      for (const key of Object.keys(v)) {
        const c = jsonCopy(v[key]);
        if (c !== void 0) out[key] = c;
      }
      return out;
    }
    default:
      return void 0;
  }
}
function normalizeDashboard(input, opts) {
  const dash = jsonCopy(input);
  const flow = new Flow();
  let nextId = 1;
  const visit = (p) => {
    p.id = nextId++;
    (p.targets ?? []).forEach((t, i) => {
      t.refId = refIdFor(i);
    });
  };
  for (const panel of dash.panels ?? []) {
    if (panel.type === "row") {
      panel.gridPos = flow.row();
      visit(panel);
      const inner = panel.panels ?? [];
      const innerFlow = new Flow();
      for (const child of inner) {
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
  dash.uid = opts.uid;
  dash.title = opts.title;
  dash.editable = false;
  dash.tags = [.../* @__PURE__ */ new Set([...dash.tags ?? [], "dac"])];
  delete dash.id;
  delete dash.version;
  return dash;
}
export {
  jsonCopy,
  normalizeDashboard,
  refIdFor
};
