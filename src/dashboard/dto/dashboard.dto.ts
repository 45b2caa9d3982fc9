import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsDateOnly } from '../../common/dto-fields.js';

const AS_OF = {
  example: '2027-05-12',
  description: "The local date the figures are computed as of. Default: today in the centre's time zone",
};
const RATE = { nullable: true, type: Number, description: 'A fraction from 0 to 1; null when the divisor is 0' };

export class DashboardQueryDto {
  @ApiPropertyOptional(AS_OF)
  @IsOptional()
  @IsDateOnly()
  asOf?: string;

  @ApiPropertyOptional({ description: "Narrows the partner-based figures to this user's partners" })
  @IsOptional()
  @IsUUID(undefined, { message: 'ownerId must be a user id (UUID)' })
  ownerId?: string;
}

export class NetworkDashboardQueryDto {
  @ApiPropertyOptional({
    ...AS_OF,
    description:
      "The local date the figures are computed as of, each centre in its own time zone. Default: today in the caller's centre's time zone",
  })
  @IsOptional()
  @IsDateOnly()
  asOf?: string;
}

export class DashboardCentre {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'Europe/Brussels' }) timezone: string;
}

export class PartnerCounts {
  @ApiProperty({ description: 'Partners not archived' }) total: number;
  @ApiProperty({ description: 'With an engagement in the trailing year (365 days ending on asOf)' }) engaged: number;
  @ApiProperty({ description: 'Next contact due before asOf' }) overdue: number;
}

export class YearRound {
  @ApiProperty() engaged: number;
  @ApiProperty({ description: 'Engaged partners with an engagement of the trailing year outside every SID window' })
  yearRound: number;
  @ApiProperty(RATE) rate: number | null;
}

export class SeasonalPartner {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() sector: string;
  @ApiProperty({ example: '2027-02-09T10:00:00.000Z' }) lastEngagementAt: string;
}

export class Seasonal {
  @ApiProperty({ description: 'Engaged partners whose every engagement of the trailing year was inside a SID window' })
  count: number;
  @ApiProperty({ type: [SeasonalPartner], description: 'Up to 50, latest engagement first' })
  items: SeasonalPartner[];
}

export class RetentionYear {
  @ApiProperty({ example: 2027 }) sidYear: number;
  @ApiProperty({ description: 'Engaged inside window Y, or a confirmed or delivered SID role for Y' }) cohort: number;
  @ApiProperty({ description: 'Of the cohort, engaged after window Y and before window Y+1 (up to asOf)' })
  retained: number;
  @ApiProperty(RATE) rate: number | null;
  @ApiProperty({ description: 'False while window Y+1 has not started by asOf' }) complete: boolean;
}

export class OverduePartner {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) ownerId: string | null;
  @ApiProperty({ example: '2027-03-01' }) nextContactDue: string;
  @ApiProperty({ description: 'Days from nextContactDue to asOf' }) daysOverdue: number;
}

export class Overdue {
  @ApiProperty() count: number;
  @ApiProperty({ type: [OverduePartner], description: 'Up to 50, most overdue first' }) items: OverduePartner[];
}

export class Compliance {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Partners they own, not archived' }) owned: number;
  @ApiProperty() notOverdue: number;
  @ApiProperty({ type: Number, description: 'notOverdue ÷ owned' }) rate: number;
}

export class MonthCount {
  @ApiProperty({ example: '2027-02' }) month: string;
  @ApiProperty({ example: 'meeting' }) type: string;
  @ApiProperty() count: number;
}

export class SidWindowDto {
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ example: '2027-02-09' }) date: string;
  @ApiProperty({ example: '2026-12-29' }) start: string;
  @ApiProperty({ example: '2027-02-23' }) end: string;
}

export class SectorActivity {
  @ApiProperty() sector: string;
  @ApiProperty() partners: number;
  @ApiProperty() engaged: number;
  @ApiProperty() yearRound: number;
}

export class BoardCoverageDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) requiredSectors: string[];
  @ApiProperty({ type: [String] }) coveredSectors: string[];
  @ApiProperty({ type: [String] }) missingSectors: string[];
}

export class DashboardResponse {
  @ApiProperty({ example: '2027-05-12' }) asOf: string;
  @ApiProperty({ type: DashboardCentre }) centre: DashboardCentre;
  @ApiProperty({ type: PartnerCounts }) partners: PartnerCounts;
  @ApiProperty({ type: YearRound }) yearRound: YearRound;
  @ApiProperty({ type: Seasonal }) seasonal: Seasonal;
  @ApiProperty({ type: [RetentionYear], description: 'The last three SID years whose window has ended, oldest first' })
  retention: RetentionYear[];
  @ApiProperty({ type: Overdue }) overdue: Overdue;
  @ApiProperty({ type: [Compliance], description: 'Users owning at least one partner, by name' })
  compliance: Compliance[];
  @ApiProperty({
    type: [MonthCount],
    description: "The 24 calendar months ending with asOf's month; months without engagements are left out",
  })
  engagementsByMonth: MonthCount[];
  @ApiProperty({ type: [SidWindowDto], description: 'Every SID window touching the 24 months' })
  sidWindows: SidWindowDto[];
  @ApiProperty({ type: [SectorActivity] }) bySector: SectorActivity[];
  @ApiProperty({ type: [BoardCoverageDto], description: 'Sector coverage of every board as of asOf' })
  boards: BoardCoverageDto[];
}

export class NetworkCentre {
  @ApiProperty() centreId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'BE' }) country: string;
  @ApiProperty() partners: number;
  @ApiProperty() engaged: number;
  @ApiProperty(RATE) yearRoundRate: number | null;
  @ApiProperty() seasonalCount: number;
  @ApiProperty() overdueCount: number;
  @ApiProperty({ type: [RetentionYear] }) retention: RetentionYear[];
  @ApiProperty(RATE) complianceRate: number | null;
}

export class NetworkTotal {
  @ApiProperty() partners: number;
  @ApiProperty() engaged: number;
  @ApiProperty({ ...RATE, description: 'Over all partners of the network, not an average of centres' })
  yearRoundRate: number | null;
  @ApiProperty() seasonalCount: number;
  @ApiProperty() overdueCount: number;
  @ApiProperty({ ...RATE, description: 'Over all owned partners of the network, not an average of centres' })
  complianceRate: number | null;
}

export class NetworkDashboardResponse {
  @ApiProperty({ example: '2027-05-12' }) asOf: string;
  @ApiProperty({ type: [NetworkCentre], description: 'Every centre, by name; no names of people or partners' })
  centres: NetworkCentre[];
  @ApiProperty({ type: NetworkTotal }) total: NetworkTotal;
}
