import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import { API } from '../common/api.js';
import type { Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { SidCampaignResponse, SidYearParams, UpdateSidCampaignDto } from './dto/sid-campaign.dto.js';
import {
  CreateSidRoleDto,
  SidRolePage,
  SidRoleParams,
  SidRoleQueryDto,
  SidRoleResponse,
  UpdateSidRoleDto,
} from './dto/sid-role.dto.js';
import { SidRolesService } from './sid-roles.service.js';
import { SidService } from './sid.service.js';

const BAD_YEAR = 'problem+json naming each invalid field (year must be a whole year from 2004 to 2100)';
const NO_ROLE = 'No SID role with this id in this year of your centre';

@ApiTags('sid')
@Controller(`${API}/sid`)
export class SidController {
  constructor(
    private readonly sid: SidService,
    private readonly roles: SidRolesService,
  ) {}

  @Get(':year')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({
    type: SidCampaignResponse,
    description: "The year's SID date and the centre's SID window around it",
  })
  @ApiBadRequestResponse({ description: BAD_YEAR })
  get(@Ctx() ctx: RequestContext, @Param() params: SidYearParams): Promise<SidCampaignResponse> {
    return this.sid.get(ctx, params.year);
  }

  @Put(':year')
  @Roles('admin', 'manager')
  @ApiOkResponse({
    type: SidCampaignResponse,
    description: 'Sets the fields given; a null date goes back to the Tuesday between 5 and 11 February',
  })
  @ApiBadRequestResponse({ description: `${BAD_YEAR}; a date outside January–March of the year` })
  update(
    @Ctx() ctx: RequestContext,
    @Param() params: SidYearParams,
    @Body() dto: UpdateSidCampaignDto,
  ): Promise<SidCampaignResponse> {
    return this.sid.update(ctx, params.year, dto);
  }

  @Get(':year/roles')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({ type: SidRolePage, description: "The year's SID roles with their partner's name" })
  @ApiBadRequestResponse({ description: BAD_YEAR })
  listRoles(
    @Ctx() ctx: RequestContext,
    @Param() params: SidYearParams,
    @Query() query: SidRoleQueryDto,
  ): Promise<Page<SidRoleResponse>> {
    return this.roles.list(ctx, params.year, query);
  }

  @Post(':year/roles')
  @Roles('admin', 'manager', 'coordinator')
  @ApiCreatedResponse({ type: SidRoleResponse })
  @ApiBadRequestResponse({ description: BAD_YEAR })
  @ApiNotFoundResponse({ description: 'No partner with this id in your centre' })
  @ApiConflictResponse({ description: 'The partner already has this role this year, or is archived' })
  createRole(
    @Ctx() ctx: RequestContext,
    @Param() params: SidYearParams,
    @Body() dto: CreateSidRoleDto,
  ): Promise<SidRoleResponse> {
    return this.roles.create(ctx, params.year, dto);
  }

  @Patch(':year/roles/:roleId')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({ type: SidRoleResponse, description: 'The same status again changes nothing' })
  @ApiBadRequestResponse({ description: BAD_YEAR })
  @ApiNotFoundResponse({ description: NO_ROLE })
  @ApiConflictResponse({
    description:
      'A transition the workflow does not allow (invited → confirmed | declined; confirmed → delivered | declined; declined → invited)',
  })
  updateRole(
    @Ctx() ctx: RequestContext,
    @Param() params: SidRoleParams,
    @Body() dto: UpdateSidRoleDto,
  ): Promise<SidRoleResponse> {
    return this.roles.update(ctx, params.year, params.roleId, dto);
  }

  @Delete(':year/roles/:roleId')
  @Roles('admin', 'manager', 'coordinator')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiBadRequestResponse({ description: BAD_YEAR })
  @ApiNotFoundResponse({ description: NO_ROLE })
  @ApiConflictResponse({ description: 'Only invited or declined roles can be deleted' })
  removeRole(@Ctx() ctx: RequestContext, @Param() params: SidRoleParams): Promise<void> {
    return this.roles.remove(ctx, params.year, params.roleId);
  }
}
