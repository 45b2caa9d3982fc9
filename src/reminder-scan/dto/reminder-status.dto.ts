import { ApiProperty } from '@nestjs/swagger';
import { SCAN_TRIGGERS, type ScanTrigger } from '../../reminders/reminder.entity.js';

export class ScanRunSummary {
  @ApiProperty({ example: '2027-03-01' }) asOf: string;
  @ApiProperty({ enum: SCAN_TRIGGERS }) trigger: ScanTrigger;
  @ApiProperty() finishedAt: string;
  @ApiProperty() due: number;
  @ApiProperty() created: number;
  @ApiProperty({ description: 'Digest emails queued' }) emails: number;
}

export class ReminderStatusResponse {
  @ApiProperty({ example: 'Europe/Brussels' }) timezone: string;
  @ApiProperty({ example: 9, description: 'The local hour of the daily scan' }) reminderHour: number;
  @ApiProperty({ type: ScanRunSummary, nullable: true, description: 'The last completed scan, whoever ran it' })
  lastScan: ScanRunSummary | null;
  @ApiProperty({ type: ScanRunSummary, nullable: true, description: 'The last scan the scheduler ran' })
  lastScheduledScan: ScanRunSummary | null;
  @ApiProperty({ description: 'When the latest daily scan was due' }) expectedScanAt: string;
  @ApiProperty({ description: 'True when that scan has not finished an hour after it was due: show a banner' })
  scanOverdue: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the scheduler will next scan (null: no scheduler yet, a worker makes it when it starts)',
  })
  nextScanAt: string | null;
}
