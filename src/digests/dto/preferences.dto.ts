import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DIGEST_PREFERENCES, type DigestPreference } from '../../auth/user.entity.js';

export class PreferencesDto {
  @ApiProperty({
    enum: DIGEST_PREFERENCES,
    description: 'Reminder email: a daily digest on days something is due, a weekly one on Mondays, or none',
  })
  @IsIn(DIGEST_PREFERENCES, { message: `digest must be one of ${DIGEST_PREFERENCES.join(', ')}` })
  digest: DigestPreference;
}

export class PreferencesResponse extends PreferencesDto {}
