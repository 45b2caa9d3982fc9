import { describeReminderSchedules } from './reminder-schedules.js';

describeReminderSchedules('redis');
