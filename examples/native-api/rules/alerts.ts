// The repository's standard alerts rules, unchanged: the proof runs what every project gets.
export { default } from '../../../rules/alerts.js';
