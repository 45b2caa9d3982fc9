import { RequiredText } from '../../common/dto-fields.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LOCALES, type Locale } from '../../ui/i18n/translator.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../password.js';
import { UserResponse } from './user-response.dto.js';

export class LoginDto {
  @ApiProperty({ example: 'admin@localhost' })
  @RequiredText(254)
  email: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX)
  password: string;
}

export class LoginResponse {
  @ApiProperty({
    description: 'Send as "Authorization: Bearer <token>"; the same session is also set as an httpOnly cookie',
  })
  accessToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty()
  expiresAt: string;

  @ApiProperty({
    description: 'For cookie-authenticated writes: send as the X-CSRF-Token header or a _csrf form field',
  })
  csrfToken: string;

  @ApiProperty({ type: UserResponse })
  user: UserResponse;
}

export class PasswordResetRequestDto {
  @ApiProperty()
  @RequiredText(254)
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token from the emailed link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: PASSWORD_MIN })
  @IsString()
  @MinLength(PASSWORD_MIN, { message: `password must be at least ${PASSWORD_MIN} characters long` })
  @MaxLength(PASSWORD_MAX)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX)
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_MIN })
  @IsString()
  @MinLength(PASSWORD_MIN, { message: `newPassword must be at least ${PASSWORD_MIN} characters long` })
  @MaxLength(PASSWORD_MAX)
  newPassword: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional()
  @IsOptional()
  @RequiredText()
  name?: string;

  @ApiPropertyOptional({
    enum: LOCALES,
    type: String,
    nullable: true,
    description: "Your language for pages and emails; null follows your browser's, then your centre's",
  })
  @IsOptional()
  @IsIn(LOCALES, { message: `locale must be one of ${LOCALES.join(', ')}, or null` })
  locale?: Locale | null;
}

export class MeResponse {
  @ApiProperty({ type: UserResponse })
  user: UserResponse;

  @ApiProperty({ description: 'id, name, country, timezone and locale of your centre' })
  centre: { id: string; name: string; country: string; timezone: string; locale: string };

  @ApiPropertyOptional({ description: 'Present when signed in with the session cookie' })
  csrfToken?: string;
}
