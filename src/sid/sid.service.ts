import { Injectable } from '@nestjs/common';
import type { Centre } from '../database/centre.entity.js';
import { InvalidError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope } from '../database/centre-scope.js';
import type { NewRecord } from '../database/centre-scope.js';
import { SidCampaignResponse, type UpdateSidCampaignDto } from './dto/sid-campaign.dto.js';
import { overrideRange, sidDateOf, sidWindow } from './sid-calendar.js';
import { SidCampaign } from './sid.entity.js';

/** A centre's Safer Internet Day of a year: its date (the usual Tuesday or the centre's own), window and theme. */
@Injectable()
export class SidService {
  constructor(private readonly scope: CentreScope) {}

  get(ctx: RequestContext, year: number): Promise<SidCampaignResponse> {
    return this.scope.read(ctx, async (tx) =>
      responseOf(year, await tx.centre(), await tx.findOne(SidCampaign, { year })),
    );
  }

  /** Sets the fields given (null clears them); the campaign row is created on its first non-empty value. */
  async update(ctx: RequestContext, year: number, dto: UpdateSidCampaignDto): Promise<SidCampaignResponse> {
    if (dto.date) {
      const allowed = overrideRange(year);
      if (dto.date < allowed.start || dto.date > allowed.end) {
        throw new InvalidError('The SID date is outside its year', [
          { field: 'date', message: `date must be between ${allowed.start} and ${allowed.end}` },
        ]);
      }
    }
    const patch: NewRecord<SidCampaign> = {};
    if (dto.date !== undefined) patch.date = dto.date;
    if (dto.theme !== undefined) patch.theme = dto.theme;
    return this.scope.transaction(ctx, async (tx) => {
      // One campaign per centre and year: concurrent first writes of a year wait for each other here.
      const centre = await tx.centre({ lock: true });
      const existing = await tx.findOne(SidCampaign, { year });
      let campaign = existing;
      if (existing) campaign = await tx.update(SidCampaign, existing.id, patch);
      else if (patch.date || patch.theme)
        campaign = await tx.insert(SidCampaign, { year, date: patch.date ?? null, theme: patch.theme ?? null });
      return responseOf(year, centre, campaign);
    });
  }
}

function responseOf(year: number, centre: Centre, campaign: SidCampaign | null): SidCampaignResponse {
  const { date, source } = sidDateOf(year, campaign?.date);
  const window = sidWindow(date, centre.sidDaysBefore, centre.sidDaysAfter);
  return {
    year,
    date,
    windowStart: window.start,
    windowEnd: window.end,
    theme: campaign?.theme ?? null,
    dateSource: source,
  };
}
