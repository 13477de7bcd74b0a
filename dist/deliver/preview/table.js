import { display } from "./format.js";
import { styleFor } from "./fields.js";
import { esc } from "./html.js";
function tableRows(panel, results) {
  const withData = results.filter((r) => r.series.length > 0);
  const single = results.length === 1;
  const labelColumns = [];
  const valueColumns = [];
  const rows = /* @__PURE__ */ new Map();
  for (const result of withData) {
    const valueColumn = single ? "Value" : `Value #${result.refId}`;
    valueColumns.push(valueColumn);
    for (const s of result.series) {
      const labels = Object.fromEntries(Object.entries(s.labels).filter(([k]) => k !== "__name__"));
      for (const k of Object.keys(labels)) if (!labelColumns.includes(k)) labelColumns.push(k);
      const key = JSON.stringify(Object.entries(labels).sort());
      const row = rows.get(key) ?? /* @__PURE__ */ new Map([["Time", s.times[s.times.length - 1] ?? null]]);
      for (const [k, v] of Object.entries(labels)) row.set(k, v);
      row.set(valueColumn, s.values[s.values.length - 1] ?? null);
      rows.set(key, row);
    }
  }
  let columns = ["Time", ...labelColumns.sort(), ...valueColumns];
  let out = [...rows.values()];
  for (const t of panel.transformations ?? []) {
    if (t.id !== "organize") continue;
    const o = t.options ?? {};
    columns = columns.filter((c) => !o.excludeByName?.[c]);
    const index = o.indexByName ?? {};
    columns = columns.map((c, i) => ({ c, i })).sort((a, b) => (index[a.c] ?? 1e3 + a.i) - (index[b.c] ?? 1e3 + b.i)).map(({ c }) => c);
    const rename = o.renameByName ?? {};
    columns = columns.map((c) => rename[c] || c);
    out = out.map((row) => new Map([...row].map(([k, v]) => [rename[k] || k, v])));
  }
  const sortBy = panel.options?.sortBy?.[0];
  if (sortBy?.displayName) {
    const key = sortBy.displayName;
    const sign = sortBy.desc ? -1 : 1;
    out.sort((a, b) => {
      const x = a.get(key) ?? null;
      const y = b.get(key) ?? null;
      if (typeof x === "number" && typeof y === "number") return sign * (x - y);
      return sign * String(x ?? "").localeCompare(String(y ?? ""));
    });
  }
  return { columns, rows: out };
}
function renderTable(panel, results) {
  const { columns, rows } = tableRows(panel, results);
  if (rows.length === 0) return "";
  const head = columns.map((c) => `<th>${esc(c)}</th>`).join("");
  const body = rows.map((row) => {
    const cells = columns.map((c) => {
      const v = row.get(c);
      const style = styleFor(panel, c);
      if (typeof v !== "number") return `<td>${esc(v === null || v === void 0 ? "" : String(v))}</td>`;
      if (c === "Time") return `<td>${esc(new Date(v).toISOString().replace("T", " ").slice(0, 19))}</td>`;
      const d = display(v, style);
      const cell = style.custom.cellOptions;
      const tint = d.colour && cell?.type === "color-text" ? ` style="color:${d.colour}"` : "";
      const bg = d.colour && cell?.type === "color-background" ? ` style="background:${d.colour};color:#fff"` : "";
      return `<td class="num"${tint || bg}>${esc(`${d.prefix}${d.text}${d.suffix}`)}</td>`;
    });
    return `<tr>${cells.join("")}</tr>`;
  }).join("");
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}
export {
  renderTable,
  tableRows
};
