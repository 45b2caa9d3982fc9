import { localDate } from '../../common/dates.js';
import type { EngagementResponse } from '../../engagements/dto/engagement.dto.js';
import type { FormBody } from '../forms.js';

/** What the edit form shows: the engagement's values, or what was posted when it comes back with errors. */
export interface EngagementFormValues {
  type: string;
  /** The day (YYYY-MM-DD) in the centre's calendar. */
  occurredAt: string;
  partnerIds: string[];
  summary: string;
  outcome: string;
  notes: string;
  followUpAt: string;
  sidYear: string;
}

/** Fields a board meeting decides for its engagements: the form leaves them out. */
const FIXED_BY_MEETING = ['type', 'occurredAt', 'partnerIds'];
/** Fields an emptied input clears (null), rather than leaves as they are. */
const CLEARABLE = ['notes', 'outcome', 'followUpAt', 'sidYear'];

export function valuesOf(engagement: EngagementResponse, timeZone: string): EngagementFormValues {
  return {
    type: engagement.type,
    occurredAt: localDate(new Date(engagement.occurredAt), timeZone),
    partnerIds: engagement.partnerIds,
    summary: engagement.summary,
    outcome: engagement.outcome ?? '',
    notes: engagement.notes ?? '',
    followUpAt: engagement.followUpAt ?? '',
    sidYear: engagement.sidYear === null ? '' : String(engagement.sidYear),
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : Array.isArray(value) ? text(value[0]) : '';
}

function list(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
}

/** The posted values, to show again next to their errors. */
export function postedValues(body: FormBody, current: EngagementFormValues): EngagementFormValues {
  const posted = (name: keyof EngagementFormValues) => (name in body ? text(body[name]) : (current[name] as string));
  return {
    type: posted('type'),
    occurredAt: posted('occurredAt'),
    partnerIds: 'partnerIds' in body ? list(body.partnerIds) : current.partnerIds,
    summary: posted('summary'),
    outcome: posted('outcome'),
    notes: posted('notes'),
    followUpAt: posted('followUpAt'),
    sidYear: posted('sidYear'),
  };
}

/**
 * The edit form's post as the API's PATCH body would say it (for readForm): an unchanged day is left out (it would
 * move the engagement to noon of that day), fields a board meeting decides are left out, an emptied optional field
 * clears it (null), an emptied summary is sent empty (and refused as the API refuses it).
 */
export function editedBody(
  body: FormBody,
  engagement: EngagementResponse,
  timeZone: string,
): { body: FormBody; extra: Record<string, unknown>; lists: string[] } {
  const fromMeeting = engagement.boardMeetingId !== null;
  const kept: FormBody = {};
  for (const [name, value] of Object.entries(body ?? {})) {
    if (fromMeeting && FIXED_BY_MEETING.includes(name)) continue;
    kept[name] = value;
  }
  if (text(kept.occurredAt).trim() === localDate(new Date(engagement.occurredAt), timeZone)) delete kept.occurredAt;
  const extra: Record<string, unknown> = {};
  for (const name of CLEARABLE) if (name in kept && text(kept[name]).trim() === '') extra[name] = null;
  if ('summary' in kept && text(kept.summary).trim() === '') extra.summary = '';
  return { body: kept, extra, lists: fromMeeting ? [] : ['partnerIds'] };
}
