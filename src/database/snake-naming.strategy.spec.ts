import { describe, expect, it } from '@jest/globals';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

const naming = new SnakeNamingStrategy();

describe('SnakeNamingStrategy', () => {
  it.each([
    ['centreId', [], 'centre_id'],
    ['createdAt', [], 'created_at'],
    ['lastError', [], 'last_error'],
    ['status', [], 'status'],
    ['smtpMessageId', [], 'smtp_message_id'],
    ['htmlURL', [], 'html_url'],
    ['sid2025Date', [], 'sid2025_date'],
    ['street', ['address'], 'address_street'],
    ['postCode', ['billingAddress'], 'billing_address_post_code'],
    ['city', ['contact', 'homeAddress'], 'contact_home_address_city'],
  ])('column for %s (embedded in %j) is %s', (property, prefixes, expected) => {
    expect(naming.columnName(property, undefined, prefixes)).toBe(expected);
  });

  it.each([
    ['OutboxEmail', undefined, 'outbox_email'],
    ['Centre', undefined, 'centre'],
    ['SIDEvent', undefined, 'sid_event'],
    ['OutboxEmail', 'outbox', 'outbox'],
    ['OutboxEmail', 'MailOutbox', 'MailOutbox'],
  ])('table for class %s (name %s) is %s', (className, given, expected) => {
    expect(naming.tableName(className, given)).toBe(expected);
  });

  it('names join columns after the relation and the referenced column', () => {
    expect(naming.joinColumnName('centre', 'id')).toBe('centre_id');
    expect(naming.joinColumnName('ownerUser', 'id')).toBe('owner_user_id');
  });

  it('keeps a column name given explicitly', () => {
    expect(naming.columnName('externalRef', 'externalRef', [])).toBe('externalRef');
  });

  it('names relations in snake case', () => {
    expect(naming.relationName('primaryContact')).toBe('primary_contact');
  });

  it('names join tables and their columns in snake case', () => {
    expect(naming.joinTableName('partner', 'tag', 'tags')).toBe('partner_tags_tag');
    expect(naming.joinTableColumnName('partner', 'id')).toBe('partner_id');
    expect(naming.joinTableColumnName('partner', 'id', 'partnerId')).toBe('partner_partner_id');
  });
});
