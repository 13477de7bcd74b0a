import { formatDuration, parseDuration } from "../core/duration.js";
const FACTOR_REFERENCE_PERIOD = "28d";
const DEFAULT_TIERS = [
  { severity: "page", budgetFraction: 0.02, long: "1h", short: "5m", keepFactorOnShortPeriods: true },
  { severity: "page", budgetFraction: 0.05, long: "6h", short: "30m", keepFactorOnShortPeriods: true },
  { severity: "ticket", budgetFraction: 0.1, long: "1d", short: "2h", keepFactorOnShortPeriods: true },
  // The workbook's 10 % in 3d is a factor of exactly 1 at 30d and 0.93 at 28d: it would open
  // tickets for a service on course to meet its objective. 12 % keeps it above 1 (1.2, 1.12).
  { severity: "ticket", budgetFraction: 0.12, long: "3d", short: "6h", keepFactorOnShortPeriods: true }
];
const tidy = (x) => Number(x.toPrecision(12));
function burnFactor(period, tier) {
  return tidy(tier.budgetFraction * parseDuration(period) / parseDuration(tier.long));
}
function burnTiers(period, tiers = DEFAULT_TIERS) {
  const seconds = parseDuration(period);
  const reference = parseDuration(FACTOR_REFERENCE_PERIOD);
  return tiers.flatMap((t) => {
    if (!t.keepFactorOnShortPeriods || seconds >= reference) return [{ ...t, factor: burnFactor(period, t) }];
    const budgetFraction = tidy(t.budgetFraction * reference / seconds);
    if (budgetFraction >= 1 || parseDuration(t.long) >= seconds) return [];
    return [{ ...t, budgetFraction, factor: burnFactor(period, { budgetFraction, long: t.long }) }];
  });
}
function tierWindows(tiers) {
  const seconds = new Set(tiers.flatMap((t) => [parseDuration(t.long), parseDuration(t.short)]));
  return [...seconds].sort((a, b) => a - b).map(formatDuration);
}
export {
  DEFAULT_TIERS,
  FACTOR_REFERENCE_PERIOD,
  burnFactor,
  burnTiers,
  tierWindows
};
