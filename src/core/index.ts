/**
 * The ground floor every step stands on, importing none of them: located diagnostics and the error
 * that carries them, Prometheus durations, Grafana uids and the project tag, PromQL text (matcher
 * operators, quoting), and the cache of compiled JSON Schema validators.
 */
export * from './diagnostic.js';
export * from './duration.js';
export * from './uid.js';
export * from './project.js';
export * from './promql-text.js';
export { compileCached } from './ajv-cache.js';
