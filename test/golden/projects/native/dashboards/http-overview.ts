/** The built-in http-overview dashboard, on a native histogram. */
export { default } from '../../../../../dashboards/http-overview.js';
