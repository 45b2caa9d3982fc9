import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, type UserRole } from '../../common/domain-values.js';
import type { User } from '../user.entity.js';

/** A user as the API shows it: never the password hash or preferences' secrets. */
export class UserResponse {
  @ApiProperty() id: string;
  @ApiProperty() centreId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty() networkAdmin: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Own language for pages and emails; null: the browser's, else the centre's",
  })
  locale: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static of(user: User): UserResponse {
    return {
      id: user.id,
      centreId: user.centreId,
      email: user.email,
      name: user.name,
      role: user.role,
      networkAdmin: user.networkAdmin,
      active: user.active,
      locale: user.locale ?? null,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    };
  }
}
