import type { BoardResponse } from '../../boards/dto/board.dto.js';
import type { MemberResponse } from '../../boards/dto/board-member.dto.js';
import { BOARD_ROLES } from '../../common/domain-values.js';
import { EmptyState } from '../../ui/components/empty-state.js';
import { ErrorSummary, Field, PostForm, Select } from '../../ui/components/form.js';
import { Layout } from '../../ui/components/layout.js';
import { Table, type Column } from '../../ui/components/table.js';
import type { FieldErrors, View } from '../../ui/view.js';
import type { PartnerChoice } from '../engagements/directory.js';
import { ROLE_LABELS, sectorLabel } from './board-labels.js';
import { runsBoards } from './boards-list.js';
import { termState } from './term-state.js';

export interface MemberFormValues {
  partnerId: string;
  role: string;
  termStart: string;
  termEnd: string;
}

function roleOptions(view: View) {
  return BOARD_ROLES.map((role) => ({ value: role, label: view.i18n.t(ROLE_LABELS[role]) }));
}

function memberPath(boardId: string, memberId: string): string {
  return `/advisory-boards/${boardId}/members/${memberId}`;
}

/** Members with their roles and terms; a term ending soon says so in words, not only in colour. */
export function MembersSection(props: {
  view: View;
  board: BoardResponse;
  members: MemberResponse[];
  today: string;
  partners: PartnerChoice[];
  form?: { values: MemberFormValues; errors?: FieldErrors };
}) {
  const { view, board, members, today } = props;
  const { t } = view.i18n;
  const manager = runsBoards(view);
  const columns: Column<MemberResponse>[] = [
    { label: t('boards.column.partner'), cell: (m) => <a href={`/partners/${m.partnerId}`}>{m.partnerName}</a> },
    { label: t('boards.column.sector'), cell: (m) => sectorLabel(view, m.sector) },
    { label: t('boards.column.role'), cell: (m) => t(ROLE_LABELS[m.role]) },
    { label: t('boards.column.term'), cell: (m) => termText(view, m) },
    { label: t('boards.column.status'), cell: (m) => <TermStatus view={view} member={m} today={today} /> },
  ];
  if (manager) {
    columns.push({
      label: t('boards.column.actions'),
      cell: (m) => <MemberActions view={view} boardId={board.id} member={m} today={today} />,
    });
  }
  return (
    <section aria-labelledby="members">
      <h2 id="members">{t('boards.members.title')}</h2>
      {members.length === 0 ? (
        <EmptyState title={manager ? t('boards.members.emptyManager') : t('boards.members.empty')} />
      ) : (
        <Table
          view={view}
          id="member-list"
          caption={t('boards.members.caption')}
          hideCaption
          columns={columns}
          rows={members}
          rowId={(m) => `member-${m.id}`}
          rowClass={(m) => (termState(m, today).kind === 'endingSoon' ? 'term-ending' : undefined)}
        />
      )}
      {manager ? (
        <AddMember view={view} board={board} partners={props.partners} today={today} form={props.form} />
      ) : null}
    </section>
  );
}

function termText(view: View, member: MemberResponse): string {
  const { t, date } = view.i18n;
  return member.termEnd
    ? t('boards.term.range', { start: date(member.termStart), end: date(member.termEnd) })
    : t('boards.term.from', { start: date(member.termStart) });
}

function TermStatus({ view, member, today }: { view: View; member: MemberResponse; today: string }) {
  const { t, date, plural } = view.i18n;
  const state = termState(member, today);
  switch (state.kind) {
    case 'upcoming':
      return <span class="muted">{t('boards.term.upcoming', { date: date(state.starts) })}</span>;
    case 'ended':
      return <span class="muted">{t('boards.term.ended', { date: date(state.ended) })}</span>;
    case 'endingSoon':
      return (
        <strong class="term-ending-note">
          {state.days === 0
            ? t('boards.term.endsToday', { date: date(state.ends) })
            : plural('boards.term.endsSoon', state.days, { date: date(state.ends) })}
        </strong>
      );
    case 'current':
      return <span>{state.ends ? t('boards.term.until', { date: date(state.ends) }) : t('boards.term.open')}</span>;
  }
}

function MemberActions(props: { view: View; boardId: string; member: MemberResponse; today: string }) {
  const { view, boardId, member, today } = props;
  const { t } = view.i18n;
  const state = termState(member, today);
  const endable = state.kind === 'current' || (state.kind === 'endingSoon' && state.days > 0);
  const partner = member.partnerName;
  return (
    <div class="actions">
      <a
        class="button secondary"
        href={`${memberPath(boardId, member.id)}/edit`}
        aria-label={t('boards.member.edit.label', { partner })}
      >
        {t('common.edit')}
      </a>
      {endable ? (
        <PostForm view={view} action={`${memberPath(boardId, member.id)}/end`} class="inline-form">
          <button
            type="submit"
            class="secondary"
            data-confirm={t('boards.member.end.confirm', { partner })}
            aria-label={t('boards.member.end.label', { partner })}
          >
            {t('boards.member.end')}
          </button>
        </PostForm>
      ) : null}
    </div>
  );
}

function AddMember(props: {
  view: View;
  board: BoardResponse;
  partners: PartnerChoice[];
  today: string;
  form?: { values: MemberFormValues; errors?: FieldErrors };
}) {
  const { view, board } = props;
  const { t } = view.i18n;
  const values = props.form?.values ?? { partnerId: '', role: 'member', termStart: props.today, termEnd: '' };
  const errors = props.form?.errors;
  return (
    <div class="card">
      <h3 id="add-member">{t('boards.member.add.title')}</h3>
      <ErrorSummary view={view} errors={errors} />
      <PostForm view={view} action={`/advisory-boards/${board.id}/members`} attrs={{ 'aria-labelledby': 'add-member' }}>
        <div class="form-row">
          <Select
            name="partnerId"
            label={t('boards.field.partnerId')}
            options={props.partners.map((p) => ({ value: p.id, label: p.name }))}
            value={values.partnerId}
            blank={t('boards.field.partnerId.choose')}
            required
            error={errors?.partnerId}
          />
          <Select
            name="role"
            label={t('boards.field.role')}
            options={roleOptions(view)}
            value={values.role}
            required
            error={errors?.role}
          />
        </div>
        <TermFields view={view} values={values} errors={errors} />
        <button type="submit" class="primary">
          {t('boards.member.add.submit')}
        </button>
      </PostForm>
    </div>
  );
}

function TermFields(props: {
  view: View;
  values: Pick<MemberFormValues, 'termStart' | 'termEnd'>;
  errors?: FieldErrors;
}) {
  const { view, values, errors } = props;
  const { t } = view.i18n;
  return (
    <div class="form-row">
      <Field
        name="termStart"
        type="date"
        label={t('boards.field.termStart')}
        value={values.termStart}
        required
        error={errors?.termStart}
      />
      <Field
        name="termEnd"
        type="date"
        label={t('boards.field.termEnd')}
        hint={t('boards.field.termEnd.hint')}
        optionalLabel={t('common.optional')}
        value={values.termEnd}
        error={errors?.termEnd}
      />
    </div>
  );
}

/** A seat's own page: its role and term, and removing it altogether. */
export function MemberEditPage(props: {
  view: View;
  board: BoardResponse;
  member: MemberResponse;
  values: MemberFormValues;
  errors?: FieldErrors;
}) {
  const { view, board, member, values, errors } = props;
  const { t } = view.i18n;
  const path = memberPath(board.id, member.id);
  return (
    <Layout view={view} title={t('boards.member.edit.title', { partner: member.partnerName })}>
      <p>
        <a href={`/advisory-boards/${board.id}`}>{board.name}</a>
      </p>
      <ErrorSummary view={view} errors={errors} />
      <PostForm view={view} action={path} class="narrow-form">
        <Select
          name="role"
          label={t('boards.field.role')}
          options={roleOptions(view)}
          value={values.role}
          required
          error={errors?.role}
        />
        <TermFields view={view} values={values} errors={errors} />
        <div class="actions">
          <button type="submit" class="primary">
            {t('common.save')}
          </button>
          <a href={`/advisory-boards/${board.id}`}>{t('common.cancel')}</a>
        </div>
      </PostForm>
      <PostForm view={view} action={`${path}/delete`} class="danger-zone">
        <button type="submit" class="danger" data-confirm={t('boards.member.remove.confirm')}>
          {t('boards.member.remove')}
        </button>
      </PostForm>
    </Layout>
  );
}
