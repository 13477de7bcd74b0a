/** The built-in red dashboard, on a native histogram. */
export { default } from '../../../../../dashboards/red.js';
