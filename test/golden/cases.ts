/** The projects whose whole output is held as a golden tree, and where each tree lives. */
export interface GoldenCase {
  name: string;
  /** Project folder, relative to the repository. */
  project: string;
  /** Golden tree, relative to the repository. */
  expected: string;
}

export const GOLDEN_CASES: readonly GoldenCase[] = [
  { name: 'Items API (built-in)', project: '.', expected: 'out' },
  {
    name: 'shop example (flask profile, custom profile, 28d and 7d SLOs)',
    project: 'examples/shop',
    expected: 'test/golden/expected/shop',
  },
  {
    name: 'SLO periods of 7, 14, 28 and 30 days',
    project: 'test/golden/projects/slo-periods',
    expected: 'test/golden/expected/slo-periods',
  },
  { name: 'imported Sloth spec', project: 'test/golden/projects/sloth-import', expected: 'test/golden/expected/sloth-import' },
  {
    name: 'native histograms (client-golang-native profile, a fleet part-way through its migration)',
    project: 'test/golden/projects/native',
    expected: 'test/golden/expected/native',
  },
];
