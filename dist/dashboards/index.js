export * from "./expr.js";
export * from "./selector.js";
export * from "./queries.js";
export * from "./thresholds.js";
export * from "./panels.js";
export * from "./variables.js";
export * from "./links.js";
export * from "./layout.js";
