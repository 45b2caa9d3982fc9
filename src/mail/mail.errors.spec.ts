import { describe, expect, it } from '@jest/globals';
import { describeMailFailure, isPermanentMailFailure } from './mail.errors.js';

/** The shape nodemailer gives SMTP failures: an Error with `code` and, when the server answered, `responseCode`. */
function smtpError(message: string, fields: { responseCode?: number; code?: string }): Error {
  return Object.assign(new Error(message), fields);
}

describe('isPermanentMailFailure', () => {
  it.each([
    ['550 mailbox unavailable', smtpError('550 5.1.1 User unknown', { responseCode: 550, code: 'EENVELOPE' }), true],
    ['554 transaction failed', smtpError('554 5.7.1 Rejected', { responseCode: 554, code: 'EMESSAGE' }), true],
    ['535 authentication failed', smtpError('535 Authentication failed', { responseCode: 535, code: 'EAUTH' }), true],
    ['421 service not available', smtpError('421 Try again later', { responseCode: 421, code: 'EENVELOPE' }), false],
    ['451 greylisted', smtpError('451 4.7.1 Greylisted', { responseCode: 451, code: 'EENVELOPE' }), false],
    ['no valid recipient (no server reply)', smtpError('No recipients defined', { code: 'EENVELOPE' }), true],
    ['connection refused', smtpError('connect ECONNREFUSED 127.0.0.1:25', { code: 'ECONNREFUSED' }), false],
    ['timeout', smtpError('Greeting never received', { code: 'ETIMEDOUT' }), false],
    ['a code outside the SMTP range', { responseCode: 600 }, false],
    ['a reply code sent as a string', { responseCode: '550' }, false],
    ['a plain object with a 5xx code', { responseCode: 550 }, true],
    ['a string', '550 rejected', false],
    ['null', null, false],
    ['undefined', undefined, false],
    ['a number', 550, false],
  ])('%s → %s', (_name, error, permanent) => {
    expect(isPermanentMailFailure(error)).toBe(permanent);
  });
});

describe('describeMailFailure', () => {
  it('puts the SMTP reply code before the message', () => {
    const text = describeMailFailure(smtpError('Mailbox unavailable', { responseCode: 550, code: 'EENVELOPE' }));
    expect(text).toBe('550 Mailbox unavailable');
  });

  it('falls back to the error code when the server never answered', () => {
    const text = describeMailFailure(smtpError('connect ECONNREFUSED 127.0.0.1:25', { code: 'ECONNREFUSED' }));
    expect(text).toBe('ECONNREFUSED connect ECONNREFUSED 127.0.0.1:25');
  });

  it('is just the message for an error without codes', () => {
    expect(describeMailFailure(new Error('boom'))).toBe('boom');
  });

  it('keeps at most 1000 characters', () => {
    const text = describeMailFailure(smtpError('x'.repeat(5000), { responseCode: 552 }));
    expect(text).toHaveLength(1000);
    expect(text.startsWith('552 xxx')).toBe(true);
  });

  it.each([
    ['a string', 'socket hang up', 'socket hang up'],
    ['a number', 42, '42'],
    ['undefined', undefined, 'undefined'],
  ])('describes %s thrown instead of an Error', (_name, thrown, expected) => {
    expect(describeMailFailure(thrown)).toBe(expected);
  });
});
