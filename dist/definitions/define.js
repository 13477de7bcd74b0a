function defineDashboard(def) {
  return { kind: "dashboard", ...def };
}
function defineRules(def) {
  return { kind: "rules", ...def };
}
export {
  defineDashboard,
  defineRules
};
