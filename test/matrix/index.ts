import { entries as boards } from './boards.fixtures.js';
import { entries as contacts } from './contacts.fixtures.js';
import { entries as digests } from './digests.fixtures.js';
import { entries as engagements } from './engagements.fixtures.js';
import { entries as exportsAndReports } from './exports.fixtures.js';
import { entries as imports } from './imports.fixtures.js';
import { entries as mail } from './mail.fixtures.js';
import { entries as partners } from './partners.fixtures.js';
import { entries as reminders } from './reminders.fixtures.js';
import { entries as sid } from './sid.fixtures.js';
import type { MatrixEntries } from './types.js';

/**
 * Every feature's fixtures and bodies, for the tests generated from the route table (the authorisation matrix and
 * the write routes' property test): a feature with new routes adds its file here once.
 */
export const MATRIX_MODULES: MatrixEntries[] = [
  partners,
  contacts,
  engagements,
  boards,
  sid,
  reminders,
  digests,
  mail,
  exportsAndReports,
  imports,
];
