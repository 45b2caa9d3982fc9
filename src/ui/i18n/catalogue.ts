import * as account from './messages/account.js';
import * as admin from './messages/admin.js';
import * as boards from './messages/boards.js';
import * as common from './messages/common.js';
import * as dashboard from './messages/dashboard.js';
import * as duplicates from './messages/duplicates.js';
import * as email from './messages/email.js';
import * as engagements from './messages/engagements.js';
import * as home from './messages/home.js';
import * as partners from './messages/partners.js';
import * as reminders from './messages/reminders.js';
import * as reports from './messages/reports.js';
import * as sid from './messages/sid.js';

/**
 * Every string of the pages and the emails, by language. Each area keeps its messages in messages/<area>.ts:
 * `en` is the source, and `fr` must have exactly its keys (the type says so; catalogue.spec.ts checks that no key is
 * unused and none is shared by two areas). Keys start with their area's name.
 */
export const AREAS = {
  account,
  admin,
  boards,
  common,
  dashboard,
  duplicates,
  email,
  engagements,
  home,
  partners,
  reminders,
  reports,
  sid,
};

const en = {
  ...common.en,
  ...account.en,
  ...admin.en,
  ...boards.en,
  ...dashboard.en,
  ...duplicates.en,
  ...email.en,
  ...engagements.en,
  ...home.en,
  ...partners.en,
  ...reminders.en,
  ...reports.en,
  ...sid.en,
};

export type MessageKey = keyof typeof en;
/** Keys with a `.one` and an `.other` form, named without the suffix. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

const fr: Record<MessageKey, string> = {
  ...common.fr,
  ...account.fr,
  ...admin.fr,
  ...boards.fr,
  ...dashboard.fr,
  ...duplicates.fr,
  ...email.fr,
  ...engagements.fr,
  ...home.fr,
  ...partners.fr,
  ...reminders.fr,
  ...reports.fr,
  ...sid.fr,
};

export const catalogues: Record<'en' | 'fr', Record<MessageKey, string>> = { en, fr };
