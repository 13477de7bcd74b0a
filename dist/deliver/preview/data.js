function seriesName(legendFormat, labels, expr) {
  if (legendFormat && legendFormat !== "__auto") {
    return legendFormat.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, name) => labels[name] ?? "");
  }
  const { __name__: metric, ...rest } = labels;
  const pairs = Object.entries(rest).map(([k, v]) => `${k}="${v}"`);
  if (pairs.length === 0) return metric ?? expr;
  return `${metric ?? ""}{${pairs.join(", ")}}`;
}
export {
  seriesName
};
