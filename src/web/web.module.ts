import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { BoardsModule } from '../boards/boards.module.js';
import { CentresModule } from '../centres/centres.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { DashboardModule } from '../dashboard/dashboard.module.js';
import { DigestsModule } from '../digests/digests.module.js';
import { EngagementsModule } from '../engagements/engagements.module.js';
import { ImportsModule } from '../imports/imports.module.js';
import { MailAdminModule } from '../mail-admin/mail-admin.module.js';
import { PartnerMergeModule } from '../partner-merge/partner-merge.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { ReminderScanModule } from '../reminder-scan/reminder-scan.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { SidModule } from '../sid/sid.module.js';
import { TimelineModule } from '../timeline/timeline.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccountPages } from './account/account.pages.js';
import { AdminAuditPages } from './admin/admin-audit.pages.js';
import { AdminMailPages } from './admin/admin-mail.pages.js';
import { AdminSettingsPages } from './admin/admin-settings.pages.js';
import { AdminUsersPages } from './admin/admin-users.pages.js';
import { AdminPages } from './admin/admin.pages.js';
import { BoardMembersPages } from './boards/board-members.pages.js';
import { BoardPageLoader } from './boards/board-page.loader.js';
import { BoardsPages } from './boards/boards.pages.js';
import { DashboardPages } from './dashboard/dashboard.pages.js';
import { EngagementsPages } from './engagements/engagements.pages.js';
import { MyWeekData } from './home/my-week.data.js';
import { MyWeekPages } from './home/my-week.pages.js';
import { ContactsPages } from './partners/contacts.pages.js';
import { DuplicatesPages } from './partners/duplicates.pages.js';
import { CentreFactsReader, PartnerProfileReader, PartnerSeatsReader } from './partners/partner-page.data.js';
import { PartnerImportPages } from './partners/partner-import.pages.js';
import { PartnersPages } from './partners/partners.pages.js';
import { RemindersPages } from './reminders/reminders.pages.js';
import { SidPages } from './sid/sid.pages.js';
import { SignInPages } from './sign-in/sign-in.pages.js';
import { WebContext } from './web-context.service.js';
import { WebExceptionFilter } from './web-exception.filter.js';

/** The web app: pages over the same services as the API, one controller per area. */
@Module({
  imports: [
    AuthModule,
    CentresModule,
    UsersModule,
    PartnersModule,
    PartnerMergeModule,
    ContactsModule,
    EngagementsModule,
    BoardsModule,
    SidModule,
    TimelineModule,
    DashboardModule,
    RemindersModule,
    ReminderScanModule,
    DigestsModule,
    AuditModule,
    MailAdminModule,
    ImportsModule,
  ],
  controllers: [
    SignInPages,
    MyWeekPages,
    RemindersPages,
    DuplicatesPages, // before PartnersPages: /partners/:id would take /partners/duplicates
    PartnerImportPages, // before PartnersPages: /partners/import is not a partner's /partners/:id
    PartnersPages,
    ContactsPages,
    EngagementsPages,
    BoardsPages,
    BoardMembersPages,
    SidPages,
    DashboardPages,
    AdminPages,
    AdminUsersPages,
    AdminSettingsPages,
    AdminMailPages,
    AdminAuditPages,
    AccountPages,
  ],
  providers: [
    WebContext,
    WebExceptionFilter,
    MyWeekData,
    CentreFactsReader,
    PartnerSeatsReader,
    PartnerProfileReader,
    BoardPageLoader,
  ],
  exports: [WebContext],
})
export class WebModule {}
