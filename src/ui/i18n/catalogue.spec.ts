import { describe, expect, it } from '@jest/globals';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AREAS, catalogues } from './catalogue.js';
import { chooseLocale, LOCALES, translator } from './translator.js';

/** Every .ts/.tsx file under src/ except the catalogue's own messages and the specs. */
async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.spec\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !path.includes(join('ui', 'i18n', 'messages')));
}

describe('The message catalogue', () => {
  it('has every key in every shipped language, and no text left empty', () => {
    const keys = Object.keys(catalogues.en).sort();
    for (const locale of LOCALES) {
      expect(Object.keys(catalogues[locale]).sort()).toEqual(keys);
      const empty = Object.entries(catalogues[locale]).filter(([, text]) => text.trim() === '');
      expect(empty).toEqual([]);
    }
  });

  it('keeps each key in one area, named after it', () => {
    const seen = new Map<string, string>();
    const misplaced: string[] = [];
    for (const [area, messages] of Object.entries(AREAS)) {
      for (const key of Object.keys(messages.en)) {
        if (seen.has(key)) misplaced.push(`${key} in ${seen.get(key)} and ${area}`);
        seen.set(key, area);
        if (!key.startsWith(`${area}.`)) misplaced.push(`${key} in ${area}`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('uses the same {placeholders} in every language', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differing = Object.keys(catalogues.en).filter(
      (key) =>
        JSON.stringify(placeholders(catalogues.fr[key as keyof typeof catalogues.fr])) !==
        JSON.stringify(placeholders(catalogues.en[key as keyof typeof catalogues.en])),
    );
    expect(differing).toEqual([]);
  });

  it('has no key that no source file uses', async () => {
    const root = join(process.cwd(), 'src');
    const sources = await Promise.all((await sourceFiles(root)).map((file) => readFile(file, 'utf8')));
    const all = sources.join('\n');
    const used = (key: string) => {
      if (all.includes(`'${key}'`) || all.includes(`"${key}"`)) return true;
      // A plural's forms are used through their base: plural('x', n) picks x.one or x.other.
      const base = key.replace(/\.(one|other)$/, '');
      return base !== key && (all.includes(`'${base}'`) || all.includes(`"${base}"`));
    };
    expect(Object.keys(catalogues.en).filter((key) => !used(key))).toEqual([]);
  });
});

describe('Choosing the language', () => {
  it('prefers the user, then the browser, then the centre, then English', () => {
    expect(chooseLocale({ user: 'fr', browser: 'en', centre: 'en' })).toBe('fr');
    expect(chooseLocale({ user: null, browser: 'fr', centre: 'en' })).toBe('fr');
    expect(chooseLocale({ user: null, browser: false, centre: 'fr-BE' })).toBe('fr');
    expect(chooseLocale({ user: 'nl', browser: undefined, centre: 'de' })).toBe('en');
  });

  it('formats dates, numbers, percentages and plurals in the language', () => {
    const en = translator('en');
    const fr = translator('fr');
    expect(en.date('2027-05-12')).toBe('12 May 2027');
    expect(fr.date('2027-05-12')).toBe('12 mai 2027');
    expect(fr.number(1234.5)).toBe('1\u202f234,5');
    expect(en.percent(0.456)).toBe('46%');
    expect(fr.percent(0.456)).toBe('46\u00a0%');
    expect(en.percent(null)).toBe('—');
    expect(en.t('common.pager.status', { page: 2, pages: 10 })).toBe('Page 2 of 10');
    expect(fr.t('common.pager.status', { page: 2, pages: 10 })).toBe('Page 2 sur 10');
  });
});
