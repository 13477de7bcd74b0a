// The repository's standard red dashboard, unchanged: the proof runs what every project gets.
export { default } from '../../../dashboards/red.js';
