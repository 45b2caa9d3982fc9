import { OmitType, PickType } from '@nestjs/swagger';
import { EngagementQueryDto } from '../../engagements/dto/engagement.dto.js';
import { PartnerQueryDto } from '../../partners/dto/partner.dto.js';

/** The partner list's filters, without paging or sort: the export has every matching row, by id. */
export class PartnerExportQueryDto extends OmitType(PartnerQueryDto, ['page', 'limit', 'sort'] as const) {}

/** The engagement list's filters (from, to, type, partner, who logged it), without paging or sort. */
export class EngagementExportQueryDto extends PickType(EngagementQueryDto, [
  'from',
  'to',
  'type',
  'partnerId',
  'loggedById',
] as const) {}
