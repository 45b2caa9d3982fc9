import { NotFoundError } from '../../common/errors.js';
import type { RequestContext } from '../../common/request-context.js';
import { PartnerQueryDto, type PartnerResponse } from '../../partners/dto/partner.dto.js';
import type { PartnersService } from '../../partners/partners.service.js';
import { UserQueryDto } from '../../users/dto/user.dto.js';
import type { UsersService } from '../../users/users.service.js';

/** A partner as a choice in a form or a link in a list. */
export interface PartnerChoice {
  id: string;
  name: string;
  sector: string;
}

/** The most partners offered in a select (pages of 100 by name); a bigger centre's others are named on demand. */
const MAX_CHOICES = 500;
const PAGE = 100;

/** The centre's current (not archived) partners by name, for selects: at most MAX_CHOICES. */
export async function partnerChoices(partners: PartnersService, ctx: RequestContext): Promise<PartnerChoice[]> {
  const choices: PartnerChoice[] = [];
  for (let page = 1; choices.length < MAX_CHOICES; page += 1) {
    const query = Object.assign(new PartnerQueryDto(), { page, limit: PAGE, sort: 'name' });
    const found = await partners.list(ctx, query);
    choices.push(...found.items.map(choiceOf));
    if (page * PAGE >= found.total) break;
  }
  return choices;
}

function choiceOf(partner: PartnerResponse): PartnerChoice {
  return { id: partner.id, name: partner.name, sector: partner.sector };
}

/**
 * Names of the partners `ids`, from `known` choices first, then one by one for the others (archived partners,
 * those past the choices' limit). A partner gone meanwhile is left out.
 */
export async function partnerNames(
  partners: PartnersService,
  ctx: RequestContext,
  known: PartnerChoice[],
  ids: string[],
): Promise<Map<string, PartnerChoice>> {
  const names = new Map(known.map((choice) => [choice.id, choice]));
  const missing = [...new Set(ids)].filter((id) => !names.has(id));
  // One by one: rare (archived partners), and a page's reads should not take every pooled connection at once.
  const found: (PartnerChoice | undefined)[] = [];
  for (const id of missing) {
    found.push(
      await partners.get(ctx, id).then(choiceOf, (error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }),
    );
  }
  for (const choice of found) if (choice) names.set(choice.id, choice);
  return names;
}

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
