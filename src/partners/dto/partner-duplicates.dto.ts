import { ApiProperty } from '@nestjs/swagger';
import type { PartnerMatchReason } from '../partner-identity.js';

/** One side of a duplicate pair: enough to tell the two apart and pick the survivor. */
export class DuplicatePartner {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty() sector: string;
}

export class DuplicatePair {
  @ApiProperty({
    enum: ['name', 'domain'],
    description:
      'name: the same name once case, accents, punctuation and legal forms are set aside; domain: the same website domain',
  })
  reason: PartnerMatchReason;

  @ApiProperty({ type: DuplicatePartner, description: 'The older of the two (created first)' })
  a: DuplicatePartner;

  @ApiProperty({ type: DuplicatePartner })
  b: DuplicatePartner;
}

export class DuplicateList {
  @ApiProperty({ type: [DuplicatePair] }) items: DuplicatePair[];
}
