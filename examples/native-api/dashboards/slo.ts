// The repository's standard slo dashboard, unchanged: the proof runs what every project gets.
export { default } from '../../../dashboards/slo.js';
