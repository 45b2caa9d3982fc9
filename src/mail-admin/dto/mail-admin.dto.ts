import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { TrimLower } from '../../common/dto-fields.js';
import { PageQueryDto } from '../../common/pagination.js';
import { OUTBOX_STATUSES, type OutboxEmail, type OutboxStatus } from '../../mail/outbox-email.entity.js';
import { SEND_OUTCOMES, type OutboxSendAttempt, type SendOutcome } from '../../mail/outbox-send-attempt.entity.js';

/** A row status, or `resent`: rows sent again after a delivery whose outcome was unknown (whatever their status now). */
export const OUTBOX_FILTERS = [...OUTBOX_STATUSES, 'resent'] as const;
export type OutboxFilter = (typeof OUTBOX_FILTERS)[number];

export class OutboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: OUTBOX_FILTERS,
    description: 'A status, or resent: emails sent again after a delivery whose outcome was unknown',
  })
  @IsOptional()
  @IsIn(OUTBOX_FILTERS, { message: `status must be one of ${OUTBOX_FILTERS.join(', ')}` })
  status?: OutboxFilter;

  @ApiPropertyOptional({ description: 'Network admins only: another centre (default: yours)' })
  @IsOptional()
  @IsUUID()
  centreId?: string;

  @ApiPropertyOptional({ description: "Network admins only: mail that belongs to no centre (operators' test sends)" })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  installation?: boolean;
}

export class CentreQueryDto {
  @ApiPropertyOptional({ description: 'Network admins only: another centre (default: yours)' })
  @IsOptional()
  @IsUUID()
  centreId?: string;
}

export class TestMailDto {
  @ApiPropertyOptional({
    example: 'you@example.org',
    description:
      'The address of an active user of your centre (anything else is refused, 400). Default: your own address',
  })
  @IsOptional()
  @TrimLower()
  @IsEmail({}, { message: 'to must be an email address' })
  @MaxLength(254)
  to?: string;
}

export class OutboxEmailResponse {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null for installation-level mail' }) centreId:
    string | null;
  @ApiProperty() recipient: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status: OutboxStatus;
  @ApiProperty({ description: 'Delivery attempts so far' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, description: 'The SMTP reply or error of the last failed attempt' })
  lastError: string | null;
  @ApiProperty({ nullable: true, type: String }) messageId: string | null;
  @ApiProperty({
    description: 'Deliveries whose outcome was unknown (handed over, no answer); each resend kept the Message-ID',
  })
  uncertainDeliveries: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) sentAt: string | null;

  static of(row: OutboxEmail): OutboxEmailResponse {
    return {
      id: row.id,
      centreId: row.centreId,
      recipient: row.recipient,
      subject: row.subject,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      messageId: row.messageId,
      uncertainDeliveries: row.uncertainDeliveries,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
    };
  }
}

export class SendAttemptResponse {
  @ApiProperty() attempt: number;
  @ApiProperty() startedAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ enum: SEND_OUTCOMES }) outcome: SendOutcome;
  @ApiProperty({ nullable: true, type: String, description: "The SMTP server's reply or the error" }) detail:
    string | null;

  static of(row: OutboxSendAttempt): SendAttemptResponse {
    return {
      attempt: row.attempt,
      startedAt: row.startedAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
      outcome: row.outcome,
      detail: row.detail,
    };
  }
}

export class OutboxEmailDetailResponse extends OutboxEmailResponse {
  @ApiProperty({ type: [SendAttemptResponse], description: 'The send log, first attempt first' })
  sendLog: SendAttemptResponse[];
}

export class OutboxPage {
  @ApiProperty({ type: [OutboxEmailResponse] }) items: OutboxEmailResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

export class TestMailResponse {
  @ApiProperty({ description: 'The outbox id: follow it with GET /api/v1/admin/mail/outbox/{id}' }) id: string;
  @ApiProperty() to: string;
}

export class MailStatusResponse {
  @ApiProperty() pending: number;
  @ApiProperty({ description: 'Pending for more than five minutes: stuck, not queued' }) stalePending: number;
  @ApiProperty({ description: 'Handed over to the mail server, its answer not on record yet' }) sending: number;
  @ApiProperty() failed: number;
  @ApiProperty({
    description: 'Outcome unknown and held for an admin (MAIL_UNCERTAIN_DELIVERY=hold); retry sends it again',
  })
  uncertain: number;
  @ApiProperty({
    description: 'Sent again after a delivery whose outcome was unknown (may have arrived twice, same Message-ID)',
  })
  resent: number;
  @ApiProperty({ nullable: true, type: String, description: 'When the oldest email still waiting was written' })
  oldestPendingAt: string | null;
  @ApiProperty({ nullable: true, type: String }) lastSentAt: string | null;
}
