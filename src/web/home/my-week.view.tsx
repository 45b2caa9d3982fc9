import { localDate } from '../../common/dates.js';
import type { EngagementType } from '../../common/domain-values.js';
import { LOGGABLE_TYPES } from '../../engagements/dto/engagement.dto.js';
import type { PartnerResponse } from '../../partners/dto/partner.dto.js';
import { EmptyState } from '../../ui/components/empty-state.js';
import { ErrorSummary, Field, PostForm, Select, TextArea } from '../../ui/components/form.js';
import { Layout } from '../../ui/components/layout.js';
import { Table } from '../../ui/components/table.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import type { FieldErrors, View } from '../../ui/view.js';
import { groupByKind, KIND_HEADINGS } from '../reminders/reminder-groups.js';
import { ReminderList, ReminderLiveRegion } from '../reminders/reminder-row.js';
import { DUE_SOON_DAYS, type MyWeek } from './my-week.data.js';
import { PartnerSearch, PartnerSelect, PickerStatus } from './partner-picker.js';

/** Where the log-a-contact form posts. */
export const QUICK_LOG_PATH = '/my-week/log';

const TYPE_LABELS = {
  meeting: 'home.type.meeting',
  call: 'home.type.call',
  email: 'home.type.email',
  event: 'home.type.event',
  sid_activity: 'home.type.sid_activity',
  training: 'home.type.training',
  study_visit: 'home.type.study_visit',
  other: 'home.type.otherKind',
} satisfies Record<Exclude<EngagementType, 'board_meeting'>, MessageKey>;

/** The log form's values as typed (shown again after an error). */
export type LogValues = Partial<Record<'type' | 'occurredAt' | 'summary' | 'followUpAt', string>>;

/** My week: the scan banner, my due reminders by kind, my partners due soon, and the log-a-contact form. */
export function MyWeekPage(props: { view: View; week: MyWeek; values?: LogValues; errors?: FieldErrors }) {
  const { view, week } = props;
  const { t } = view.i18n;
  return (
    <Layout view={view} title={t('home.title')}>
      {week.scan.overdue ? (
        <p class="banner" id="scan-banner">
          {t('home.scan.late', { time: view.i18n.dateTime(week.scan.expectedAt, view.centre!.timezone) })}
        </p>
      ) : null}
      <p class="muted">{t('home.today', { date: view.i18n.date(week.today) })}</p>
      <ReminderLiveRegion />
      <div class="my-week">
        {/* A new centre's first step is adding partners: that comes first. */}
        {week.hasPartners ? null : <PartnersDueSoon view={view} week={week} />}
        <DueReminders view={view} week={week} />
        <QuickLog view={view} week={week} values={props.values} errors={props.errors} />
        {week.hasPartners ? <PartnersDueSoon view={view} week={week} /> : null}
      </div>
    </Layout>
  );
}

function DueReminders({ view, week }: { view: View; week: MyWeek }) {
  const { t, plural } = view.i18n;
  return (
    <section class="card my-week-reminders" aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">{t('home.reminders.heading')}</h2>
      {week.reminders.length === 0 ? (
        <EmptyState title={t('home.reminders.none')}>
          <p>{t('home.reminders.noneHint')}</p>
        </EmptyState>
      ) : (
        <>
          <p>{plural('home.reminders.count', week.reminders.length)}</p>
          {groupByKind(week.reminders).map((group) => (
            <div class="reminder-group">
              <h3>{t(KIND_HEADINGS[group.kind])}</h3>
              <ReminderList view={view} items={group.items} options={{ today: week.today, back: '/' }} />
            </div>
          ))}
        </>
      )}
      <p>
        <a href="/reminders">{t('home.reminders.all')}</a>
      </p>
    </section>
  );
}

function PartnersDueSoon({ view, week }: { view: View; week: MyWeek }) {
  const { t } = view.i18n;
  const timezone = view.centre!.timezone;
  const heading = t('home.partners.heading');
  let body;
  if (!week.hasPartners) {
    body = (
      <EmptyState title={t('home.partners.empty.title')}>
        <p>{t('home.partners.empty.body')}</p>
        <p>
          <a class="button primary" href="/partners/new">
            {t('home.partners.empty.add')}
          </a>
        </p>
      </EmptyState>
    );
  } else if (week.dueSoon.length === 0) {
    body = <p>{t('home.partners.none', { days: DUE_SOON_DAYS })}</p>;
  } else {
    body = (
      <>
        <p class="muted">{t('home.partners.intro', { days: DUE_SOON_DAYS })}</p>
        <Table<PartnerResponse>
          view={view}
          caption={heading}
          hideCaption
          rows={week.dueSoon}
          columns={[
            { label: t('home.partners.name'), cell: (p) => <a href={`/partners/${p.id}`}>{p.name}</a> },
            {
              label: t('home.partners.due'),
              cell: (p) => (
                <>
                  {view.i18n.date(p.nextContactDue)}
                  {p.overdue ? <span class="tag tag-overdue">{t('home.partners.overdue')}</span> : null}
                </>
              ),
            },
            {
              label: t('home.partners.last'),
              cell: (p) =>
                p.lastEngagementAt
                  ? view.i18n.date(localDate(new Date(p.lastEngagementAt), timezone))
                  : t('home.partners.never'),
            },
          ]}
        />
      </>
    );
  }
  return (
    <section class="card my-week-partners" aria-labelledby="partners-heading">
      <h2 id="partners-heading">{heading}</h2>
      {body}
      {week.hasPartners ? (
        <p>
          <a href="/partners">{t('home.partners.all')}</a>
        </p>
      ) : null}
    </section>
  );
}

function QuickLog(props: { view: View; week: MyWeek; values?: LogValues; errors?: FieldErrors }) {
  const { view, week } = props;
  const { t } = view.i18n;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  return (
    <section class="card my-week-log" aria-labelledby="log-heading">
      <h2 id="log-heading">{t('home.log.heading')}</h2>
      {!week.hasPartners ? (
        <p>
          {t('home.log.noPartners')} <a href="/partners/new">{t('home.partners.empty.add')}</a>
        </p>
      ) : (
        <>
          <ErrorSummary view={view} errors={props.errors} />
          <PartnerSearch view={view} query={week.picker.query} />
          <PostForm view={view} action={QUICK_LOG_PATH} id="quick-log">
            <PartnerSelect view={view} picker={week.picker} error={errors.partnerIds} />
            <PickerStatus view={view} picker={week.picker} />
            <div class="form-row">
              <Select
                name="type"
                label={t('home.log.type')}
                value={values.type}
                error={errors.type}
                required
                options={LOGGABLE_TYPES.map((type) => ({
                  value: type,
                  label: t(TYPE_LABELS[type as keyof typeof TYPE_LABELS]),
                }))}
              />
              <Field
                name="occurredAt"
                type="date"
                label={t('home.log.date')}
                value={values.occurredAt ?? week.today}
                error={errors.occurredAt}
                required
                attrs={{ max: week.today }}
              />
            </div>
            <TextArea
              name="summary"
              label={t('home.log.summary')}
              hint={t('home.log.summaryHint')}
              value={values.summary}
              error={errors.summary}
              required
              rows={2}
            />
            <Field
              name="followUpAt"
              type="date"
              label={t('home.log.followUp')}
              optionalLabel={t('common.optional')}
              hint={t('home.log.followUpHint')}
              value={values.followUpAt}
              error={errors.followUpAt}
            />
            <button type="submit" class="primary">
              {t('home.log.submit')}
            </button>
          </PostForm>
        </>
      )}
    </section>
  );
}
