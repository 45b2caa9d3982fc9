import type { BoardResponse } from '../../boards/dto/board.dto.js';
import type { MemberResponse } from '../../boards/dto/board-member.dto.js';
import type { MeetingResponse } from '../../boards/dto/board-meeting.dto.js';
import { localDate } from '../../common/dates.js';
import type { Page } from '../../common/pagination.js';
import type { ContactResponse } from '../../contacts/dto/contact.dto.js';
import { EmptyState } from '../../ui/components/empty-state.js';
import { Checkbox, ErrorSummary, Field, fieldId, PostForm, Select, TextArea } from '../../ui/components/form.js';
import { Pager } from '../../ui/components/pager.js';
import { Table } from '../../ui/components/table.js';
import type { FieldErrors, View } from '../../ui/view.js';
import type { PartnerChoice } from '../engagements/directory.js';
import { contactChoice, type MeetingFormValues } from './meeting-form.js';

/** The meetings, newest first, with who attended; and the form to record one. */
export function MeetingsSection(props: {
  view: View;
  board: BoardResponse;
  meetings: Page<MeetingResponse>;
  members: MemberResponse[];
  people: Map<string, ContactResponse[]>;
  partners: PartnerChoice[];
  today: string;
  form?: { values: MeetingFormValues; errors?: FieldErrors };
}) {
  const { view, meetings } = props;
  const { t } = view.i18n;
  const timeZone = view.centre?.timezone ?? 'UTC';
  return (
    <section aria-labelledby="meetings">
      <h2 id="meetings">{t('boards.meetings.title')}</h2>
      {meetings.total === 0 ? (
        <EmptyState title={t('boards.meetings.empty')} />
      ) : (
        <>
          <Table
            view={view}
            id="meeting-list"
            caption={t('boards.meetings.caption')}
            hideCaption
            columns={[
              {
                label: t('boards.column.date'),
                cell: (m) => <time dateTime={m.heldAt}>{view.i18n.date(localDate(new Date(m.heldAt), timeZone))}</time>,
              },
              { label: t('boards.column.title'), cell: (m) => m.title },
              {
                label: t('boards.column.attendees'),
                cell: (m) => (
                  <ul class="inline-list">
                    {m.attendees.map((a) => (
                      <li>
                        <a href={`/partners/${a.partnerId}`}>{a.partnerName}</a>
                      </li>
                    ))}
                  </ul>
                ),
              },
              { label: t('boards.column.notes'), cell: (m) => <span class="pre-line">{m.notes ?? ''}</span> },
            ]}
            rows={meetings.items}
            rowId={(m) => `meeting-${m.id}`}
          />
          <Pager view={view} page={meetings.page} pageSize={meetings.limit} total={meetings.total} />
        </>
      )}
      <RecordMeeting {...props} />
    </section>
  );
}

function RecordMeeting(props: {
  view: View;
  board: BoardResponse;
  members: MemberResponse[];
  people: Map<string, ContactResponse[]>;
  partners: PartnerChoice[];
  today: string;
  form?: { values: MeetingFormValues; errors?: FieldErrors };
}) {
  const { view, board } = props;
  const { t } = view.i18n;
  const values: MeetingFormValues = props.form?.values ?? {
    heldAt: props.today,
    title: '',
    notes: '',
    attendees: [],
    attendeeContacts: [],
    otherAttendees: [],
  };
  const errors = props.form?.errors;
  const seated = [...new Map(props.members.filter((m) => m.current).map((m) => [m.partnerId, m])).values()];
  const others = props.partners.filter((p) => !seated.some((m) => m.partnerId === p.id));
  return (
    <div class="card">
      <h3 id="record-meeting">{t('boards.meeting.record.title')}</h3>
      <p class="muted">{t('boards.meeting.record.intro')}</p>
      <ErrorSummary view={view} errors={errors} />
      <PostForm
        view={view}
        action={`/advisory-boards/${board.id}/meetings`}
        attrs={{ 'aria-labelledby': 'record-meeting' }}
      >
        <div class="form-row">
          <Field
            name="heldAt"
            type="date"
            label={t('boards.field.heldAt')}
            value={values.heldAt}
            required
            error={errors?.heldAt}
            attrs={{ max: props.today }}
          />
          <Field name="title" label={t('boards.field.title')} value={values.title} required error={errors?.title} />
        </div>
        <TextArea
          name="notes"
          label={t('boards.field.notes')}
          optionalLabel={t('common.optional')}
          value={values.notes}
          rows={3}
          error={errors?.notes}
        />
        <fieldset
          class={`attendance${errors?.attendees ? ' field-invalid' : ''}`}
          id={fieldId('attendees')}
          aria-describedby={errors?.attendees ? `${fieldId('attendees')}-error` : `${fieldId('attendees')}-hint`}
        >
          <legend>{t('boards.field.attendees')}</legend>
          <p class="hint" id={`${fieldId('attendees')}-hint`}>
            {t('boards.field.attendees.hint')}
          </p>
          {errors?.attendees ? (
            <p class="field-error" id={`${fieldId('attendees')}-error`}>
              {errors.attendees}
            </p>
          ) : null}
          {seated.length > 0 ? (
            <ul class="attendees">
              {seated.map((member) => (
                <li>
                  <Checkbox
                    name="attendees"
                    value={member.partnerId}
                    label={member.partnerName}
                    checked={values.attendees.includes(member.partnerId)}
                  />
                  <People view={view} member={member} people={props.people} values={values} />
                </li>
              ))}
            </ul>
          ) : null}
          <Select
            name="otherAttendees"
            label={t('boards.field.otherAttendees')}
            hint={t('boards.field.otherAttendees.hint')}
            options={others.map((p) => ({ value: p.id, label: p.name }))}
            value={values.otherAttendees}
            multiple
            attrs={{ size: Math.min(6, Math.max(3, others.length)) }}
          />
        </fieldset>
        <button type="submit" class="primary">
          {t('boards.meeting.submit')}
        </button>
      </PostForm>
    </div>
  );
}

/** The people of a member who may have come for it: ticking one brings its organisation too. */
function People(props: {
  view: View;
  member: MemberResponse;
  people: Map<string, ContactResponse[]>;
  values: MeetingFormValues;
}) {
  const { view, member, values } = props;
  const people = props.people.get(member.partnerId) ?? [];
  if (people.length === 0) return null;
  return (
    <ul class="attendee-people" aria-label={view.i18n.t('boards.meeting.peopleOf', { partner: member.partnerName })}>
      {people.map((person) => {
        const choice = contactChoice(member.partnerId, person.id);
        return (
          <li>
            <Checkbox
              name="attendeeContacts"
              value={choice}
              label={person.jobTitle ? `${person.name} (${person.jobTitle})` : person.name}
              checked={values.attendeeContacts.includes(choice)}
            />
          </li>
        );
      })}
    </ul>
  );
}
