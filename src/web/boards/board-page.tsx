import type { BoardResponse, CoverageResponse } from '../../boards/dto/board.dto.js';
import type { MemberResponse } from '../../boards/dto/board-member.dto.js';
import type { MeetingResponse } from '../../boards/dto/board-meeting.dto.js';
import type { Page } from '../../common/pagination.js';
import type { ContactResponse } from '../../contacts/dto/contact.dto.js';
import { Layout } from '../../ui/components/layout.js';
import type { FieldErrors, View } from '../../ui/view.js';
import type { PartnerChoice } from '../engagements/directory.js';
import { cadenceText } from './boards-list.js';
import { CoverageSection } from './coverage-view.js';
import type { MeetingFormValues } from './meeting-form.js';
import { MeetingsSection } from './meeting-views.js';
import { MembersSection, type MemberFormValues } from './member-views.js';

export interface BoardPageProps {
  view: View;
  board: BoardResponse;
  /** The centre's today (the coverage's day). */
  today: string;
  members: MemberResponse[];
  coverage: CoverageResponse;
  meetings: Page<MeetingResponse>;
  /** The people of each current member, by partner id. */
  people: Map<string, ContactResponse[]>;
  partners: PartnerChoice[];
  memberForm?: { values: MemberFormValues; errors?: FieldErrors };
  meetingForm?: { values: MeetingFormValues; errors?: FieldErrors };
}

/** A board (the digest emails link here): members and terms, sector coverage, meetings. */
export function BoardPage(props: BoardPageProps) {
  const { view, board } = props;
  const { t } = view.i18n;
  return (
    <Layout view={view} title={board.name}>
      <p>
        <a href="/advisory-boards">{t('boards.back')}</a>
      </p>
      {board.description ? <p class="pre-line">{board.description}</p> : null}
      <p class="muted">{t('boards.board.cadence', { cadence: cadenceText(view, board.meetingCadenceDays) })}</p>
      <MembersSection
        view={view}
        board={board}
        members={props.members}
        today={props.today}
        partners={props.partners}
        form={props.memberForm}
      />
      <CoverageSection view={view} coverage={props.coverage} members={props.members} />
      <MeetingsSection
        view={view}
        board={board}
        meetings={props.meetings}
        members={props.members}
        people={props.people}
        partners={props.partners}
        today={props.today}
        form={props.meetingForm}
      />
    </Layout>
  );
}
