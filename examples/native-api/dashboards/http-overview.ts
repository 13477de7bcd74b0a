// The repository's standard http-overview dashboard, unchanged: the proof runs what every project gets.
export { default } from '../../../dashboards/http-overview.js';
