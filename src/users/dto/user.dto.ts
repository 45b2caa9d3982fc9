import { RequiredText, TrimLower } from '../../common/dto-fields.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../auth/password.js';
import { USER_ROLES, type UserRole } from '../../common/domain-values.js';

export class CreateUserDto {
  @ApiProperty({ example: 'ana@example.org' })
  @TrimLower()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Ana Pereira' })
  @RequiredText()
  name: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES, { message: `role must be one of ${USER_ROLES.join(', ')}` })
  role: UserRole;

  @ApiPropertyOptional({
    description: `At least ${PASSWORD_MIN} characters. Without one, the user is emailed a link to choose theirs (valid 7 days).`,
  })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN, { message: `password must be at least ${PASSWORD_MIN} characters long` })
  @MaxLength(PASSWORD_MAX)
  password?: string;

  @ApiPropertyOptional({ description: 'Network admins only: the centre the user belongs to (default: yours)' })
  @IsOptional()
  @IsUUID()
  centreId?: string;

  @ApiPropertyOptional({ description: 'Network admins only: grant the network-admin capability' })
  @IsOptional()
  @IsBoolean()
  networkAdmin?: boolean;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @TrimLower()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @RequiredText()
  name?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES, { message: `role must be one of ${USER_ROLES.join(', ')}` })
  role?: UserRole;

  @ApiPropertyOptional({ description: 'Network admins only' })
  @IsOptional()
  @IsBoolean()
  networkAdmin?: boolean;

  @ApiPropertyOptional({ description: 'false deactivates the account (it can no longer sign in); true reactivates it' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    description: `Sets the user's password (at least ${PASSWORD_MIN} characters); ends their sessions and open password links`,
  })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN, { message: `password must be at least ${PASSWORD_MIN} characters long` })
  @MaxLength(PASSWORD_MAX)
  password?: string;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Matches name or email' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Network admins only: list another centre' })
  @IsOptional()
  @IsUUID()
  centreId?: string;
}
