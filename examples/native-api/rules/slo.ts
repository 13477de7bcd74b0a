// The repository's standard slo rules, unchanged: the proof runs what every project gets.
export { default } from '../../../rules/slo.js';
