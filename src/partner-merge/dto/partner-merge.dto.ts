import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { PartnerResponse } from '../../partners/dto/partner.dto.js';

export class MergePartnerDto {
  @ApiProperty({ format: 'uuid', description: 'The partner that survives and takes over everything of :id' })
  @IsUUID('all', { message: 'intoId must be the id of a partner of your centre' })
  intoId: string;
}

/** How many rows moved from the merged partner to the survivor. */
export class MergeCounts {
  @ApiProperty() contacts: number;
  @ApiProperty({ description: 'Engagements now linked to the survivor (one linked to both keeps one link)' })
  engagements: number;
  @ApiProperty({ description: 'SID roles moved, plus those folded into the survivor’s role of the same kind and year' })
  sidRoles: number;
  @ApiProperty() boardSeats: number;
  @ApiProperty({ description: 'Open reminders moved, plus those cancelled as the survivor already had them' })
  reminders: number;
}

export class MergeResponse {
  @ApiProperty({ type: PartnerResponse, description: 'The survivor, with its derived fields refreshed' })
  partner: PartnerResponse;
  @ApiProperty({ description: 'The id of the merged partner, now archived' }) mergedId: string;
  @ApiProperty({ type: MergeCounts }) moved: MergeCounts;
}
