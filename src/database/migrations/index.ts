import { Init1795813190032 } from './1795813190032-init.js';
import { AddUsers1795814630105 } from './1795814630105-add-users.js';
import { AuthAndAudit1795816660099 } from './1795816660099-auth-and-audit.js';
import { PartnersAndHistory1795817736003 } from './1795817736003-partners-and-history.js';
import { AddReminders1795821892381 } from './1795821892381-add-reminders.js';
import { MailDelivery1795830000001 } from './1795830000001-mail-delivery.js';
import { DigestPreferences1795830000002 } from './1795830000002-digest-preferences.js';
import { ReminderSubjects1795830000003 } from './1795830000003-reminder-subjects.js';
import { AuditRead1795830000060 } from './1795830000060-audit-read.js';
import { RepairCadencePolicies1795830000070 } from './1795830000070-repair-cadence-policies.js';
import { UncertainDeliveries1795840000001 } from './1795840000001-uncertain-deliveries.js';
import { DashboardIndexes1795850000001 } from './1795850000001-dashboard-indexes.js';
import { SidSeasonRollup1795850000002 } from './1795850000002-sid-season-rollup.js';
import { EngagementMonthRollup1795850000003 } from './1795850000003-engagement-month-rollup.js';
import { UserLocale1795860000001 } from './1795860000001-user-locale.js';
import { ContactRetention1795860000002 } from './1795860000002-contact-retention.js';
import { HotPathIndexes1795860000003 } from './1795860000003-hot-path-indexes.js';
import { DoNotContactIndex1795870000001 } from './1795870000001-do-not-contact-index.js';
import { FollowUpIndex1795870000002 } from './1795870000002-follow-up-index.js';
import { ContactReviewIndex1795870000003 } from './1795870000003-contact-review-index.js';

/** Every migration in order. `npm run migration:generate -- Name` writes a new file; list it here. */
export const MIGRATIONS: Function[] = [
  Init1795813190032,
  AddUsers1795814630105,
  AuthAndAudit1795816660099,
  PartnersAndHistory1795817736003,
  AddReminders1795821892381,
  MailDelivery1795830000001,
  DigestPreferences1795830000002,
  ReminderSubjects1795830000003,
  AuditRead1795830000060,
  RepairCadencePolicies1795830000070,
  UncertainDeliveries1795840000001,
  DashboardIndexes1795850000001,
  SidSeasonRollup1795850000002,
  EngagementMonthRollup1795850000003,
  UserLocale1795860000001,
  ContactRetention1795860000002,
  HotPathIndexes1795860000003,
  DoNotContactIndex1795870000001,
  FollowUpIndex1795870000002,
  ContactReviewIndex1795870000003,
];
