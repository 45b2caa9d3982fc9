import { Body, Controller, Param, Post, HttpCode } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import { API } from '../common/api.js';
import type { RequestContext } from '../common/request-context.js';
import { MergePartnerDto, MergeResponse } from './dto/partner-merge.dto.js';
import { PartnerMergeService } from './partner-merge.service.js';

@ApiTags('partners')
@Controller(`${API}/partners`)
export class PartnerMergeController {
  constructor(private readonly merges: PartnerMergeService) {}

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('admin', 'manager')
  @ApiOkResponse({
    type: MergeResponse,
    description:
      'Moves contacts, engagement links, SID roles, board seats and open reminders of :id to intoId, fills its empty fields, and archives :id with a note, in one transaction (README "Duplicates and merge" has the conflict rules)',
  })
  @ApiBadRequestResponse({ description: 'problem+json naming intoId: not an id, or :id itself' })
  @ApiNotFoundResponse({ description: "Either partner unknown, or another centre's" })
  @ApiConflictResponse({ description: 'Either partner is archived' })
  merge(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() dto: MergePartnerDto): Promise<MergeResponse> {
    return this.merges.merge(ctx, id, dto);
  }
}
