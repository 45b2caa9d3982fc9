import { catalogues, type MessageKey, type PluralKey } from './catalogue.js';

/** The languages Keepwarm ships, every one complete (src/ui/i18n/catalogue.spec.ts checks it). */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A shipped locale from a tag such as "fr-BE" or "en", or undefined. */
export function shippedLocale(tag: string | null | undefined): Locale | undefined {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(language) ? language : undefined;
}

/**
 * The language of a page or an email: the user's own choice if set, else the browser's (when a shipped locale
 * matches), else the centre's, else English.
 */
export function chooseLocale(choices: {
  user?: string | null;
  browser?: string | false | null;
  centre?: string | null;
}): Locale {
  return (
    shippedLocale(choices.user) ?? shippedLocale(choices.browser || undefined) ?? shippedLocale(choices.centre) ?? 'en'
  );
}

export type Vars = Record<string, string | number>;

/** Strings, dates and numbers in one language. */
export interface Translator {
  readonly locale: Locale;
  /** The message, with each `{name}` replaced by vars.name. */
  t(key: MessageKey, vars?: Vars): string;
  /** The `.one` or `.other` form of a message by the language's plural rules; `{count}` is the formatted count. */
  plural(key: PluralKey, count: number, vars?: Vars): string;
  /** A calendar date (YYYY-MM-DD), e.g. "12 May 2027" / "12 mai 2027". */
  date(isoDate: string): string;
  /** A short calendar date without the year, e.g. "12 May". */
  dayMonth(isoDate: string): string;
  /** A month (YYYY-MM or YYYY-MM-DD), e.g. "May 2027". */
  month(isoDate: string): string;
  /** An instant in a time zone, e.g. "12 May 2027, 10:30". */
  dateTime(instant: Date | string, timeZone: string): string;
  number(value: number): string;
  /** A ratio (0..1) as a percentage; "—" when there is none. */
  percent(ratio: number | null | undefined): string;
}

const translators = new Map<Locale, Translator>();

export function translator(locale: Locale): Translator {
  let found = translators.get(locale);
  if (!found) translators.set(locale, (found = makeTranslator(locale)));
  return found;
}

function fill(text: string, vars: Vars | undefined, formatNumber: (n: number) => string): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** How each language writes dates and numbers: British English (day before month) for a European audience. */
const FORMATS: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

function makeTranslator(locale: Locale): Translator {
  const messages = catalogues[locale];
  const tag = FORMATS[locale];
  const numbers = new Intl.NumberFormat(tag);
  const percents = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const plurals = new Intl.PluralRules(tag);
  const dates = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const dayMonths = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const months = new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  // One formatter per time zone (a page lists many instants); an unknown zone falls back to UTC.
  const dateTimes = new Map<string, Intl.DateTimeFormat>();
  const dateTimeFormat = (timeZone: string) => {
    let format = dateTimes.get(timeZone);
    if (!format) {
      try {
        format = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone });
      } catch {
        format = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
      }
      dateTimes.set(timeZone, format);
    }
    return format;
  };
  const number = (n: number) => numbers.format(n);
  const utcDate = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  const formatted = (format: Intl.DateTimeFormat, iso: string) => {
    const day = utcDate(iso);
    return Number.isNaN(day.getTime()) ? iso : format.format(day);
  };
  return {
    locale,
    t: (key, vars) => fill(messages[key], vars, number),
    plural: (key, count, vars) => {
      const form = plurals.select(count) === 'one' ? 'one' : 'other';
      return fill(messages[`${key}.${form}`], { ...vars, count }, number);
    },
    date: (iso) => formatted(dates, iso),
    dayMonth: (iso) => formatted(dayMonths, iso),
    month: (iso) => formatted(months, iso.length === 7 ? `${iso}-01` : iso),
    dateTime: (instant, timeZone) => {
      const value = typeof instant === 'string' ? new Date(instant) : instant;
      return dateTimeFormat(timeZone).format(value);
    },
    number,
    percent: (ratio) => (ratio === null || ratio === undefined ? '—' : percents.format(ratio)),
  };
}
