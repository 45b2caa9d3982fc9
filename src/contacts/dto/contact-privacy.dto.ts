import { ApiProperty } from '@nestjs/swagger';
import { ContactResponse } from './contact.dto.js';

export class PersonEngagement {
  @ApiProperty() id: string;
  @ApiProperty() type: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: String, nullable: true }) outcome: string | null;
  @ApiProperty({ type: Number, nullable: true }) sidYear: number | null;
  @ApiProperty({ type: [String] }) partnerIds: string[];
}

export class PersonBoardSeat {
  @ApiProperty() id: string;
  @ApiProperty() boardId: string;
  @ApiProperty() boardName: string;
  @ApiProperty() partnerId: string;
  @ApiProperty() role: string;
  @ApiProperty({ format: 'date' }) termStart: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) termEnd: string | null;
}

export class PersonReminder {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: String, nullable: true }) partnerId: string | null;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty() state: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) doneAt: string | null;
}

export class PersonAuditEntry {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty() action: string;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty({ type: Object, nullable: true, description: 'As recorded (personal fields were masked when written)' })
  before: Record<string, unknown> | null;
  @ApiProperty({ type: Object, nullable: true }) after: Record<string, unknown> | null;
}

/** GET /contacts/:id/export: everything held about one person (an access request under the GDPR). */
export class PersonExport {
  @ApiProperty({ format: 'date-time' }) exportedAt: string;
  @ApiProperty({
    type: ContactResponse,
    description: 'Every field of the contact, lawful basis and consent date included',
  })
  contact: ContactResponse;
  @ApiProperty({ type: [PersonEngagement], description: 'Engagements the person took part in' })
  engagements: PersonEngagement[];
  @ApiProperty({ type: [PersonBoardSeat], description: 'Board seats the person holds or held' })
  boardSeats: PersonBoardSeat[];
  @ApiProperty({ type: [PersonReminder], description: 'Reminders about the person (contact reviews)' })
  reminders: PersonReminder[];
  @ApiProperty({ type: [PersonAuditEntry], description: 'The audit trail of the contact record' })
  audit: PersonAuditEntry[];
}
