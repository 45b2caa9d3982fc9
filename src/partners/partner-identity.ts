/**
 * When two partner records are the same organisation: the import's matching rules and the duplicates list.
 * Names match when they are equal once case, accents, punctuation, spacing and common legal suffixes are
 * set aside ("Telco Ltd." and "telco"); websites match on their domain, whatever the scheme, `www.` or path.
 */

/** Legal forms set aside at the end of a name (and once at its start, for "SA Telco"), already folded. */
const LEGAL_FORMS = [
  'ltd',
  'limited',
  'plc',
  'llc',
  'llp',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ag',
  'kg',
  'ev',
  'ug',
  'sa',
  'sas',
  'sarl',
  'sca',
  'scrl',
  'srl',
  'spa',
  'sl',
  'bv',
  'nv',
  'vzw',
  'asbl',
  'aisbl',
  'ivzw',
  'cic',
  'oy',
  'ab',
  'as',
  'aps',
  'sp z o o',
  'zoo',
  'doo',
  'sro',
  'kft',
  'ou',
  'ltda',
  'asso',
] as const;

/** A form may be written with dots ("S.A.", "e.V."), which folding turns into spaces between its letters. */
const FORMS = LEGAL_FORMS.map((form) => [...form.replace(/ /g, '')].join('\\s?')).join('|');
const SUFFIX = new RegExp(`(?:\\s+(?:${FORMS}))+$`);
const PREFIX = new RegExp(`^(?:${FORMS})\\s+(?=\\S)`);

/** Lower case, no accents, punctuation as spaces, single spaces; `&` reads as "and". */
function fold(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The name key: `"Telco Ltd."`, `"TELCO"` and `"Télco"` give `"telco"`. A name that is nothing but a
 * legal form keeps it, so "S.A." is not the empty key. Empty for a name without letters or digits.
 */
export function partnerNameKey(name: string): string {
  const folded = fold(name);
  const stripped = folded.replace(SUFFIX, '').replace(PREFIX, '').trim();
  return (stripped || folded).replace(/\s+/g, ' ');
}

/**
 * The website key: its host without `www.`, lower case (`"https://www.Telco.example/about"` gives
 * `"telco.example"`). Null for no website or one with no recognisable host.
 */
export function websiteDomainKey(website: string | null | undefined): string | null {
  const text = website?.trim();
  if (!text) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let host: string;
  try {
    host = new URL(withScheme).hostname.toLowerCase();
  } catch {
    return null;
  }
  host = host.replace(/\.$/, '').replace(/^www\d*\./, '');
  return host.includes('.') ? host : null;
}

/** Why two partners are taken for the same organisation. */
export type PartnerMatchReason = 'name' | 'domain';

export interface PartnerIdentity {
  id: string;
  name: string;
  website: string | null;
}

/** A partner's name key and website key (partnerNameKey, websiteDomainKey), worked out once to look up and to add. */
export interface IdentityKeys {
  name: string;
  domain: string | null;
}

export function identityKeys(partner: { name: string; website?: string | null }): IdentityKeys {
  return { name: partnerNameKey(partner.name), domain: websiteDomainKey(partner.website) };
}

/**
 * Looks up existing partners by the same rules: built once from a centre's partners, then asked once a row.
 * The name wins over the domain when both match different partners. `match` and `add` take the partner or its
 * keys, already worked out (an import asks two matchers about a row, then adds it to one).
 */
export class PartnerMatcher<T extends PartnerIdentity = PartnerIdentity> {
  private readonly byName = new Map<string, T>();
  private readonly byDomain = new Map<string, T>();

  constructor(partners: Iterable<T> = []) {
    for (const partner of partners) this.add(partner);
  }

  add(partner: T, keys: IdentityKeys = identityKeys(partner)): void {
    if (keys.name && !this.byName.has(keys.name)) this.byName.set(keys.name, partner);
    if (keys.domain && !this.byDomain.has(keys.domain)) this.byDomain.set(keys.domain, partner);
  }

  match(
    candidate: { name: string; website?: string | null },
    keys: IdentityKeys = identityKeys(candidate),
  ): { partner: T; reason: PartnerMatchReason } | null {
    const byName = this.byName.get(keys.name);
    if (byName) return { partner: byName, reason: 'name' };
    const byDomain = keys.domain ? this.byDomain.get(keys.domain) : undefined;
    return byDomain ? { partner: byDomain, reason: 'domain' } : null;
  }
}
