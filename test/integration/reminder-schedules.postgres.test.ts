import { describeReminderSchedules } from './reminder-schedules.js';

describeReminderSchedules('postgres');
