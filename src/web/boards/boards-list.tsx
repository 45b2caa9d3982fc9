import { CADENCE_MAX_DAYS, type BoardResponse } from '../../boards/dto/board.dto.js';
import type { Page } from '../../common/pagination.js';
import { EmptyState } from '../../ui/components/empty-state.js';
import { ErrorSummary, Field, PostForm, TextArea } from '../../ui/components/form.js';
import { Layout } from '../../ui/components/layout.js';
import { Pager } from '../../ui/components/pager.js';
import { Table } from '../../ui/components/table.js';
import type { FieldErrors, View } from '../../ui/view.js';

/** Managers and admins run boards (the API's rule for creating a board and changing its seats). */
export function runsBoards(view: View): boolean {
  return view.user?.role === 'manager' || view.user?.role === 'admin';
}

export function cadenceText(view: View, days: number | null): string {
  return days === null ? view.i18n.t('boards.cadence.none') : view.i18n.plural('boards.cadence', days);
}

export interface BoardFormValues {
  name: string;
  description: string;
  meetingCadenceDays: string;
}

export function BoardsListPage(props: {
  view: View;
  page: Page<BoardResponse>;
  values?: BoardFormValues;
  errors?: FieldErrors;
}) {
  const { view, page } = props;
  const { t } = view.i18n;
  return (
    <Layout view={view} title={t('boards.list.title')}>
      {page.total === 0 ? (
        <EmptyState title={t('boards.empty.title')}>
          <p>{runsBoards(view) ? t('boards.empty.manager') : t('boards.empty.coordinator')}</p>
        </EmptyState>
      ) : (
        <>
          <Table
            view={view}
            caption={t('boards.list.caption')}
            hideCaption
            columns={[
              { label: t('boards.column.name'), cell: (b) => <a href={`/advisory-boards/${b.id}`}>{b.name}</a> },
              { label: t('boards.column.description'), cell: (b) => b.description ?? '' },
              { label: t('boards.column.cadence'), cell: (b) => cadenceText(view, b.meetingCadenceDays) },
            ]}
            rows={page.items}
          />
          <Pager view={view} page={page.page} pageSize={page.limit} total={page.total} />
        </>
      )}
      {runsBoards(view) ? <CreateBoard view={view} values={props.values} errors={props.errors} /> : null}
    </Layout>
  );
}

function CreateBoard(props: { view: View; values?: BoardFormValues; errors?: FieldErrors }) {
  const { view, values, errors } = props;
  const { t } = view.i18n;
  return (
    <section class="card" aria-labelledby="create-board">
      <h2 id="create-board">{t('boards.create.title')}</h2>
      <ErrorSummary view={view} errors={errors} />
      <PostForm view={view} action="/advisory-boards" class="narrow-form">
        <Field name="name" label={t('boards.field.name')} value={values?.name} required error={errors?.name} />
        <TextArea
          name="description"
          label={t('boards.field.description')}
          optionalLabel={t('common.optional')}
          value={values?.description}
          rows={2}
          error={errors?.description}
        />
        <Field
          name="meetingCadenceDays"
          type="number"
          label={t('boards.field.meetingCadenceDays')}
          hint={t('boards.field.meetingCadenceDays.hint')}
          optionalLabel={t('common.optional')}
          value={values?.meetingCadenceDays}
          error={errors?.meetingCadenceDays}
          attrs={{ min: 1, max: CADENCE_MAX_DAYS, inputmode: 'numeric' }}
        />
        <button type="submit" class="primary">
          {t('boards.create.submit')}
        </button>
      </PostForm>
    </section>
  );
}
