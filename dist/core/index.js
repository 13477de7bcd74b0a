export * from "./diagnostic.js";
export * from "./duration.js";
export * from "./uid.js";
export * from "./project.js";
export * from "./promql-text.js";
import { compileCached } from "./ajv-cache.js";
export {
  compileCached
};
