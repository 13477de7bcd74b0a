import { defineRules } from 'dac';
import { standardAlerts } from 'dac/rules';

/** The standard alerts, with the latency warning made more patient for this team: its rule and its tests alike. */
export default defineRules({ id: 'alerts', ...standardAlerts({ overrides: { HighLatencyWarning: { for: '15m' } } }) });
