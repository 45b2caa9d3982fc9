import type { RequestContext } from '../../common/request-context.js';
import type { PartnersService } from '../../partners/partners.service.js';
import { UserQueryDto } from '../../users/dto/user.dto.js';
import type { UsersService } from '../../users/users.service.js';

/** A partner as a choice in a form or a link in a list. */
export interface PartnerChoice {
  id: string;
  name: string;
  sector: string;
}

/** The centre's current (not archived) partners by name, for selects. */
export async function partnerChoices(partners: PartnersService, ctx: RequestContext): Promise<PartnerChoice[]> {
  return (await partners.choices(ctx)).map(choiceOf);
}

function choiceOf(partner: { id: string; name: string; sector: string }): PartnerChoice {
  return { id: partner.id, name: partner.name, sector: partner.sector };
}

/**
 * Names of the partners `ids`, from `known` choices first, then in one query for the others (archived partners).
 * A partner gone meanwhile is left out.
 */
export async function partnerNames(
  partners: PartnersService,
  ctx: RequestContext,
  known: PartnerChoice[],
  ids: string[],
): Promise<Map<string, PartnerChoice>> {
  const names = new Map(known.map((choice) => [choice.id, choice]));
  const missing = [...new Set(ids)].filter((id) => !names.has(id));
  if (missing.length > 0)
    for (const choice of await partners.choices(ctx, { ids: missing })) names.set(choice.id, choiceOf(choice));
  return names;
}

/** Users come in pages of 100 (the list route's most). */
const PAGE = 100;

/** A colleague as a choice ("logged by") and a name in a list. */
export interface UserName {
  id: string;
  name: string;
}

/** The centre's users (deactivated ones too: they logged history), by name. Centres have a few dozen at most. */
export async function userNames(users: UsersService, ctx: RequestContext): Promise<UserName[]> {
  const found: UserName[] = [];
  for (let page = 1; page <= 5; page += 1) {
    const result = await users.list(ctx, Object.assign(new UserQueryDto(), { page, limit: PAGE }));
    found.push(...result.items.map((user) => ({ id: user.id, name: user.name })));
    if (page * PAGE >= result.total) break;
  }
  return found;
}
