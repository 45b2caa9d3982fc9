import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { LAWFUL_BASES, type LawfulBasis } from '../../common/domain-values.js';
import { IsDateOnly, OneLine, Optional, RequiredText } from '../../common/dto-fields.js';
import { PageQueryDto } from '../../common/pagination.js';
import type { Contact } from '../contact.entity.js';

/** Digits, spaces and + - ( ) . — loose on purpose: numbers are written many ways across Europe. */
const PHONE = /^(?=.*\d)[0-9 +\-().]{5,30}$/;

/** Optional text fields: surrounding spaces trimmed, and a blank value means "none" (null). */
const TrimOrNull = (lower = false) =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    if (trimmed === '') return null;
    return lower ? trimmed.toLowerCase() : trimmed;
  });

const LAWFUL_BASIS_MESSAGE = `lawfulBasis must be one of ${LAWFUL_BASES.join(', ')}`;

/** The optional fields of a contact, shared by create and update. */
class ContactFieldsDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'zoe.dupre@example.org',
    description: 'Stored in lower case; null or blank clears it',
  })
  @TrimOrNull(true)
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '+32 2 123 45 67',
    description: 'Digits, spaces and + - ( ) ., 5 to 30 characters; null or blank clears it',
  })
  @TrimOrNull()
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: 'phone must be 5 to 30 digits, spaces or + - ( ) . characters' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Head teacher', maxLength: 200 })
  @TrimOrNull()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @OneLine()
  jobTitle?: string | null;

  @ApiPropertyOptional({
    description: "The partner's main contact. Making one primary makes the previous primary an ordinary contact.",
  })
  @Optional()
  @IsBoolean()
  primary?: boolean;

  @ApiPropertyOptional({
    enum: LAWFUL_BASES,
    default: 'legitimate_interest',
    description: 'GDPR lawful basis for keeping this person',
  })
  @Optional()
  @IsIn(LAWFUL_BASES, { message: LAWFUL_BASIS_MESSAGE })
  lawfulBasis?: LawfulBasis;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2027-01-15',
    description:
      "When the person consented (YYYY-MM-DD); required when lawfulBasis is consent; not after today in the centre's time zone",
  })
  @IsOptional()
  @IsDateOnly()
  consentDate?: string | null;

  @ApiPropertyOptional({ description: 'The person asked not to be contacted' })
  @Optional()
  @IsBoolean()
  doNotContact?: boolean;
}

// `name` is declared separately in each (not inherited and overridden): class-validator would keep the
// parent's conditional "skip when missing" on the child, and a missing name would pass on create.
export class CreateContactDto extends ContactFieldsDto {
  @ApiProperty({ example: 'Zoë Dupré', maxLength: 200 })
  @RequiredText()
  @OneLine()
  name: string;
}

/** Every field optional; partnerId and centreId are not fields, so the whitelist refuses them. */
export class UpdateContactDto extends ContactFieldsDto {
  @ApiPropertyOptional({ example: 'Zoë Dupré', maxLength: 200 })
  @Optional()
  @RequiredText()
  @OneLine()
  name?: string;
}

export const CONTACT_SORTS = ['primary', 'name', '-name', 'createdAt', '-createdAt'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

/** Beyond any real list; a larger page would make an OFFSET PostgreSQL cannot parse (1e+21). */
const MAX_PAGE = 1_000_000;

export class ContactQueryDto extends PageQueryDto {
  // Redeclared whole: a subclass's own validators replace the inherited ones of the same kind.
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  declare page: number;

  @ApiPropertyOptional({
    enum: CONTACT_SORTS,
    default: 'primary',
    description: 'primary: the primary contact first, then by name',
  })
  @IsOptional()
  @IsIn(CONTACT_SORTS, { message: `sort must be one of ${CONTACT_SORTS.join(', ')}` })
  sort: ContactSort = 'primary';
}

export class ContactResponse {
  @ApiProperty() id: string;
  @ApiProperty() partnerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) jobTitle: string | null;
  @ApiProperty() primary: boolean;
  @ApiProperty({ enum: LAWFUL_BASES }) lawfulBasis: LawfulBasis;
  @ApiProperty({ type: String, format: 'date', nullable: true }) consentDate: string | null;
  @ApiProperty() doNotContact: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the person was erased (GDPR); their personal fields are empty since',
  })
  erasedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static of(contact: Contact): ContactResponse {
    return {
      id: contact.id,
      partnerId: contact.partnerId,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      jobTitle: contact.jobTitle,
      primary: contact.primary,
      lawfulBasis: contact.lawfulBasis,
      consentDate: contact.consentDate,
      doNotContact: contact.doNotContact,
      erasedAt: contact.erasedAt ? contact.erasedAt.toISOString() : null,
      createdAt: contact.createdAt.toISOString(),
      updatedAt: contact.updatedAt.toISOString(),
    };
  }
}

export class ContactPage {
  @ApiProperty({ type: [ContactResponse] }) items: ContactResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}
