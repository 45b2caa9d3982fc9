import type { Page } from '../../common/pagination.js';
import type { ReminderResponse } from '../../reminders/dto/reminder.dto.js';
import { REMINDER_STATES } from '../../reminders/reminder.entity.js';
import { KIND_ORDER } from '../../reminders/reminder-kinds.js';
import { EmptyState } from '../../ui/components/empty-state.js';
import { Select } from '../../ui/components/form.js';
import { Layout } from '../../ui/components/layout.js';
import { Pager } from '../../ui/components/pager.js';
import type { View } from '../../ui/view.js';
import { KIND_LABELS, STATE_LABELS, type ReminderFilters } from './reminder-groups.js';
import { ReminderList, ReminderLiveRegion } from './reminder-row.js';

export interface Person {
  id: string;
  name: string;
  active: boolean;
}

/** The reminders list: filters in the URL (a GET form), the rows with done and snooze, the pager. */
export function RemindersPage(props: {
  view: View;
  today: string;
  filters: ReminderFilters;
  page: Page<ReminderResponse>;
  /** Everyone in the centre (managers and admins); empty for a coordinator, who sees only their own. */
  people: Person[];
  filtered: boolean;
}) {
  const { view, filters, page, people } = props;
  const { t } = view.i18n;
  const me = view.user!;
  const names = new Map(people.map((person) => [person.id, person.name]));
  const chosen = filters.person === 'me' ? me.id : filters.person;
  const heading =
    filters.person === 'all'
      ? t('reminders.scope.everyone')
      : chosen === me.id
        ? t('reminders.scope.mine')
        : t('reminders.scope.person', { name: names.get(chosen) ?? '—' });
  return (
    <Layout view={view} title={t('reminders.title')}>
      <ReminderLiveRegion />
      <form method="get" action="/reminders" class="filters" aria-label={t('reminders.filters.label')}>
        {people.length > 0 ? (
          <Select
            name="person"
            label={t('reminders.filters.person')}
            value={chosen}
            options={[
              { value: 'all', label: t('reminders.filters.everyone') },
              ...people.map((person) => ({
                value: person.id,
                label: person.active ? person.name : t('reminders.filters.inactive', { name: person.name }),
              })),
            ]}
          />
        ) : null}
        <Select
          name="kind"
          label={t('reminders.filters.kind')}
          value={filters.kind}
          blank={t('reminders.filters.anyKind')}
          options={KIND_ORDER.map((kind) => ({ value: kind, label: t(KIND_LABELS[kind]) }))}
        />
        <Select
          name="state"
          label={t('reminders.filters.state')}
          value={filters.state}
          blank={t('reminders.filters.open')}
          options={REMINDER_STATES.map((state) => ({ value: state, label: t(STATE_LABELS[state]) }))}
        />
        <div class="filter-actions">
          <button type="submit" class="primary">
            {t('common.filter')}
          </button>
          {props.filtered ? <a href="/reminders">{t('common.clearFilters')}</a> : null}
        </div>
      </form>
      <h2>{heading}</h2>
      {page.items.length === 0 ? (
        <EmptyState title={t('reminders.empty.title')}>
          <p>{props.filtered ? t('reminders.empty.filtered') : t('reminders.empty.open')}</p>
        </EmptyState>
      ) : (
        <ReminderList
          view={view}
          items={page.items}
          recipientNames={chosen === me.id ? undefined : names}
          options={{ today: props.today, back: view.path, showKind: true }}
        />
      )}
      <Pager view={view} page={page.page} pageSize={page.limit} total={page.total} />
    </Layout>
  );
}
