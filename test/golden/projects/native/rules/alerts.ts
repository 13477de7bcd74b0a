import { defineRules } from 'dac';
import { standardAlerts } from 'dac/rules';

export default defineRules({ id: 'alerts', ...standardAlerts() });
