/**
 * Burn-rate windows derived from budget fractions and the SLO period (the multiwindow,
 * multi-burn-rate scheme of the SRE workbook): a tier fires when `budgetFraction` of the period's
 * budget would be gone within its long window, i.e. when the error ratio exceeds
 * factor × (1 − objective) with factor = budgetFraction × period / long window.
 *
 * A tier means "at this pace the budget runs out before the period ends" only while its factor is
 * above 1. The workbook's fractions are written for 30 days; on a shorter period the same fraction
 * over the same window is a slower burn (10 % in 1d is 3× at 30d but 0.7× at 7d), so the default
 * tiers keep their 28-day factors instead: their fraction grows by 28d / period. A tier that would
 * then need more than the whole budget, or a window as long as the period, is left out.
 */
import { formatDuration, parseDuration } from '../core/duration.js';
import type { BurnTier } from './model.js';

/** From this period up, tiers are taken as written; below it, default tiers keep its factors. */
export const FACTOR_REFERENCE_PERIOD = '28d';

export const DEFAULT_TIERS: readonly BurnTier[] = [
  { severity: 'page', budgetFraction: 0.02, long: '1h', short: '5m', keepFactorOnShortPeriods: true },
  { severity: 'page', budgetFraction: 0.05, long: '6h', short: '30m', keepFactorOnShortPeriods: true },
  { severity: 'ticket', budgetFraction: 0.1, long: '1d', short: '2h', keepFactorOnShortPeriods: true },
  // The workbook's 10 % in 3d is a factor of exactly 1 at 30d and 0.93 at 28d: it would open
  // tickets for a service on course to meet its objective. 12 % keeps it above 1 (1.2, 1.12).
  { severity: 'ticket', budgetFraction: 0.12, long: '3d', short: '6h', keepFactorOnShortPeriods: true },
];

export interface DerivedTier extends BurnTier {
  /** How many times faster than sustainable the budget burns at the alert threshold. */
  factor: number;
}

const tidy = (x: number) => Number(x.toPrecision(12));

export function burnFactor(period: string, tier: Pick<BurnTier, 'budgetFraction' | 'long'>): number {
  return tidy((tier.budgetFraction * parseDuration(period)) / parseDuration(tier.long));
}

/** The tiers in force for `period`, each with its factor; see the module comment for short periods. */
export function burnTiers(period: string, tiers: readonly BurnTier[] = DEFAULT_TIERS): DerivedTier[] {
  const seconds = parseDuration(period);
  const reference = parseDuration(FACTOR_REFERENCE_PERIOD);
  return tiers.flatMap((t) => {
    if (!t.keepFactorOnShortPeriods || seconds >= reference) return [{ ...t, factor: burnFactor(period, t) }];
    const budgetFraction = tidy((t.budgetFraction * reference) / seconds);
    if (budgetFraction >= 1 || parseDuration(t.long) >= seconds) return [];
    return [{ ...t, budgetFraction, factor: burnFactor(period, { budgetFraction, long: t.long }) }];
  });
}

/** Every window the tiers read, shortest first, in canonical spelling. */
export function tierWindows(tiers: readonly BurnTier[]): string[] {
  const seconds = new Set(tiers.flatMap((t) => [parseDuration(t.long), parseDuration(t.short)]));
  return [...seconds].sort((a, b) => a - b).map(formatDuration);
}
