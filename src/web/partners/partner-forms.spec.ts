import { describe, expect, it } from '@jest/globals';
import { translator } from '../../ui/i18n/translator.js';
import { readNewPartner, readPartnerEdit, readPartnerQuery, textValues, words } from './partner-forms.js';

const en = translator('en');

describe('readPartnerQuery', () => {
  it('reads the yes-or-no filters as the API does, "false" included', async () => {
    const read = await readPartnerQuery({ overdue: 'false', archived: 'true', page: '2', sector: 'education' }, en);
    expect(read).toEqual({
      ok: true,
      dto: expect.objectContaining({ overdue: false, archived: true, page: 2, limit: 20, sector: 'education' }),
    });
  });

  it('leaves out blank filters', async () => {
    const read = await readPartnerQuery({ overdue: '', search: '', sort: 'name' }, en);
    expect(read.ok && read.dto).toEqual(expect.objectContaining({ sort: 'name' }));
    expect(read.ok && 'overdue' in read.dto).toBe(false);
  });

  it.each([
    [{ overdue: 'maybe' }, 'overdue'],
    [{ archived: 'yes' }, 'archived'],
    [{ sector: 'Not A Sector' }, 'sector'],
    [{ sort: 'colour' }, 'sort'],
    [{ page: '0' }, 'page'],
    [{ ownerId: 'nobody' }, 'ownerId'],
  ])('refuses %j with a message for its field', async (values, field) => {
    const read = await readPartnerQuery(values, en);
    expect(read.ok).toBe(false);
    expect(Object.keys(read.ok ? {} : read.errors)).toContain(field);
  });
});

describe('partner forms', () => {
  it('splits tags and kinds typed as one line', async () => {
    expect(words(' sid, schools  funding;x ')).toEqual(['sid', 'schools', 'funding', 'x']);
    const read = await readNewPartner(
      { name: 'Acme', sector: 'industry', tags: 'SID, schools', cadenceDays: '30' },
      en,
    );
    expect(read.ok && read.dto).toEqual(
      expect.objectContaining({ name: 'Acme', sector: 'industry', tags: ['sid', 'schools'], cadenceDays: 30 }),
    );
  });

  it('names the field of each error', async () => {
    const read = await readNewPartner({ name: '', sector: 'industry', cadenceDays: '0', website: 'acme' }, en);
    expect(read.ok ? [] : Object.keys(read.errors).sort()).toEqual(['cadenceDays', 'name', 'website']);
  });

  it('clears emptied optional fields on edit, and refuses an emptied name', async () => {
    const cleared = await readPartnerEdit({ name: 'Acme', sector: 'industry', website: '', ownerId: '' }, en);
    expect(cleared.ok && cleared.dto).toEqual(
      expect.objectContaining({ website: null, ownerId: null, cadenceDays: null, tags: [], kinds: [] }),
    );
    const nameless = await readPartnerEdit({ name: ' ', sector: 'industry' }, en);
    expect(nameless.ok ? [] : Object.keys(nameless.errors)).toEqual(['name']);
  });

  it('keeps posted text for the form, repeated names joined and the CSRF token left out', () => {
    expect(textValues({ _csrf: 't', contactIds: ['a', 'b'], summary: 'Hi' })).toEqual({
      contactIds: 'a,b',
      summary: 'Hi',
    });
  });
});
