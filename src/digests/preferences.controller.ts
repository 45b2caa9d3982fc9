import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { SignedIn } from '../access/policy.js';
import { API } from '../common/api.js';
import type { RequestContext } from '../common/request-context.js';
import { PreferencesDto, PreferencesResponse } from './dto/preferences.dto.js';
import { PreferencesService } from './preferences.service.js';

@ApiTags('auth')
@Controller(`${API}/me/preferences`)
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  @SignedIn()
  @ApiOkResponse({ type: PreferencesResponse, description: 'Your reminder-email preference' })
  get(@Ctx() ctx: RequestContext): Promise<PreferencesResponse> {
    return this.preferences.get(ctx);
  }

  @Patch()
  @SignedIn()
  @ApiOkResponse({ type: PreferencesResponse })
  @ApiBadRequestResponse({ description: 'problem+json naming digest' })
  update(@Ctx() ctx: RequestContext, @Body() dto: PreferencesDto): Promise<PreferencesResponse> {
    return this.preferences.set(ctx, dto.digest);
  }
}
