/**
 * Burn-rate windows derived from budget fractions and the SLO period (the multiwindow,
 * multi-burn-rate scheme of the SRE workbook): a tier fires when `budgetFraction` of the period's
 * budget would be gone within its long window, i.e. when the error ratio exceeds
 * factor × (1 − objective) with factor = budgetFraction × period / long window.
 */
import { formatDuration, parseDuration } from '../core/duration.js';
import type { BurnTier } from './model.js';

export const DEFAULT_TIERS: readonly BurnTier[] = [
  { severity: 'page', budgetFraction: 0.02, long: '1h', short: '5m' },
  { severity: 'page', budgetFraction: 0.05, long: '6h', short: '30m' },
  { severity: 'ticket', budgetFraction: 0.1, long: '1d', short: '2h' },
  { severity: 'ticket', budgetFraction: 0.1, long: '3d', short: '6h' },
];

export interface DerivedTier extends BurnTier {
  /** How many times faster than sustainable the budget burns at the alert threshold. */
  factor: number;
}

export function burnFactor(period: string, tier: Pick<BurnTier, 'budgetFraction' | 'long'>): number {
  return Number(((tier.budgetFraction * parseDuration(period)) / parseDuration(tier.long)).toPrecision(12));
}

export function burnTiers(period: string, tiers: readonly BurnTier[] = DEFAULT_TIERS): DerivedTier[] {
  return tiers.map((t) => ({ ...t, factor: burnFactor(period, t) }));
}

/** Every window the tiers read, shortest first, in canonical spelling. */
export function tierWindows(tiers: readonly BurnTier[]): string[] {
  const seconds = new Set(tiers.flatMap((t) => [parseDuration(t.long), parseDuration(t.short)]));
  return [...seconds].sort((a, b) => a - b).map(formatDuration);
}
