function matchesEmpty(m) {
  switch (m.op) {
    case "=":
      return m.value === "";
    case "!=":
      return m.value !== "";
    case "=~":
      return safeRegex(m.value)?.test("") ?? false;
    case "!~":
      return !(safeRegex(m.value)?.test("") ?? true);
  }
}
const regexCache = /* @__PURE__ */ new Map();
function safeRegex(source) {
  if (regexCache.has(source)) return regexCache.get(source);
  let re;
  try {
    re = new RegExp(`^(?:${source})$`);
  } catch {
    re = void 0;
  }
  if (regexCache.size > 1e4) regexCache.clear();
  regexCache.set(source, re);
  return re;
}
export {
  matchesEmpty,
  safeRegex
};
