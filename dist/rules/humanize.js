function goG4(v) {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v === 0) return "0";
  const [mantissa, expText] = v.toExponential(3).split("e");
  const exp = Number(expText);
  const trim = (s) => s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
  if (exp < -4 || exp >= 4) {
    const sign = exp < 0 ? "-" : "+";
    return `${trim(mantissa)}e${sign}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return trim(v.toFixed(Math.max(0, 3 - exp)));
}
const BIG = ["k", "M", "G", "T", "P", "E", "Z", "Y"];
const SMALL = ["m", "u", "n", "p", "f", "a", "z", "y"];
function scaleDown(v) {
  let prefix = "";
  for (const p of SMALL) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1e3;
  }
  return [v, prefix];
}
function humanize(v) {
  if (v === 0 || !Number.isFinite(v)) return goG4(v);
  if (Math.abs(v) >= 1) {
    let prefix2 = "";
    for (const p of BIG) {
      if (Math.abs(v) < 1e3) break;
      prefix2 = p;
      v /= 1e3;
    }
    return `${goG4(v)}${prefix2}`;
  }
  const [scaled, prefix] = scaleDown(v);
  return `${goG4(scaled)}${prefix}`;
}
function humanizePercentage(v) {
  return `${goG4(v * 100)}%`;
}
function humanizeDuration(v) {
  if (!Number.isFinite(v)) return goG4(v);
  if (v === 0) return "0s";
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? "-" : "";
    const abs = Math.abs(v);
    const whole = Math.trunc(abs);
    const seconds = whole % 60;
    const minutes = Math.floor(whole / 60) % 60;
    const hours = Math.floor(whole / 3600) % 24;
    const days = Math.floor(whole / 86400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${goG4(abs)}s`;
  }
  const [scaled, prefix] = scaleDown(v);
  return `${goG4(scaled)}${prefix}s`;
}
const FUNCTIONS = { humanize, humanizePercentage, humanizeDuration };
function renderAnnotation(template, labels, value) {
  return template.replace(/\{\{(.*?)\}\}/g, (whole, inner) => {
    const text = inner.trim();
    const label = /^\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)$/.exec(text);
    if (label) {
      const v = labels[label[1]];
      if (v === void 0) throw new Error(`template ${whole} names label "${label[1]}", which the alert does not carry`);
      return v;
    }
    const fn = /^\$value\s*\|\s*(\w+)$/.exec(text);
    if (fn && FUNCTIONS[fn[1]]) return FUNCTIONS[fn[1]](value);
    throw new Error(`template ${whole} is not one dac can render in tests`);
  });
}
function templateLabels(template) {
  return [...template.matchAll(/\{\{\s*\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g)].map((m) => m[1]);
}
export {
  goG4,
  humanize,
  humanizeDuration,
  humanizePercentage,
  renderAnnotation,
  templateLabels
};
