import { defineRules } from 'dac';
import { standardAlerts } from 'dac/rules';

/**
 * The standard alerts of every service: target down, server errors, latency, slow database queries,
 * connection-pool exhaustion, absent metrics and no traffic. Thresholds come from the service config;
 * tune an alert here, once, for its rule and its tests alike: `standardAlerts({ overrides:
 * { HighLatencyWarning: { for: '15m' } } })`.
 */
export default defineRules({ id: 'alerts', ...standardAlerts() });
