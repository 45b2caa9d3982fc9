import { addDays } from '../../common/dates.js';
import { PostForm } from '../../ui/components/form.js';
import type { View } from '../../ui/view.js';
import { KIND_LABELS, subjectOf, type ReminderItem } from './reminder-groups.js';

/** The id of a reminder's row: done and snooze replace it in place. */
export const rowId = (id: string) => `reminder-${id}`;
/** The id of the live region that tells screen readers what an in-place action did (one per page). */
export const LIVE_REGION_ID = 'reminders-live';

export interface ReminderRowOptions {
  /** Today in the centre's calendar: what is due before it is overdue. */
  today: string;
  /** Where a form without JavaScript comes back to. */
  back: string;
  /** Show the kind as a tag (the reminders list); in a group under its heading it is read only by screen readers. */
  showKind?: boolean;
  /** The person the reminder is for, when the list shows more than one person's. */
  recipientName?: string;
  /** The snooze form's error and value, after a refused snooze. */
  snoozeError?: string;
  snoozeValue?: string;
}

/** One reminder: what it is about, when it is due, and done / snooze in place (plain forms without JavaScript). */
export function ReminderRow({ view, item, options }: { view: View; item: ReminderItem; options: ReminderRowOptions }) {
  const { t } = view.i18n;
  const subject = subjectOf(item);
  const id = rowId(item.id);
  const open = item.state === 'pending' || item.state === 'sent' || item.state === 'snoozed';
  return (
    <li id={id} class="reminder">
      <div class="reminder-what">
        {subject.href ? (
          <a id={`${id}-subject`} href={subject.href} class="reminder-subject">
            {subject.name ?? t('reminders.row.unknownSubject')}
          </a>
        ) : (
          <span id={`${id}-subject`} class="reminder-subject">
            {t('reminders.row.unknownSubject')}
          </span>
        )}{' '}
        <span id={`${id}-kind`} class={options.showKind ? 'tag' : 'visually-hidden'}>
          {t(KIND_LABELS[item.kind])}
        </span>
      </div>
      <p class="reminder-when">
        <DueText view={view} item={item} today={options.today} />
        {options.recipientName ? (
          <span class="muted"> · {t('reminders.row.for', { name: options.recipientName })}</span>
        ) : null}
      </p>
      {open ? (
        <div class="actions reminder-actions">
          <DoneForm view={view} item={item} back={options.back} />
          <SnoozeForm
            view={view}
            id={item.id}
            back={options.back}
            today={options.today}
            value={options.snoozeValue}
            error={options.snoozeError}
          />
        </div>
      ) : null}
    </li>
  );
}

function DueText({ view, item, today }: { view: View; item: ReminderItem; today: string }) {
  const { t, date } = view.i18n;
  if (item.state === 'snoozed' && item.snoozedUntil)
    return <span>{t('reminders.row.snoozedUntil', { date: date(item.snoozedUntil) })}</span>;
  if (item.state === 'done' || item.state === 'cancelled')
    return (
      <span class="muted">
        {t(item.state === 'done' ? 'reminders.state.done' : 'reminders.state.cancelled')} ·{' '}
        {t('reminders.row.due', { date: date(item.dueDate) })}
      </span>
    );
  if (item.dueDate < today)
    return <span class="overdue">{t('reminders.row.overdue', { date: date(item.dueDate) })}</span>;
  if (item.dueDate === today) return <span>{t('reminders.row.dueToday')}</span>;
  return <span>{t('reminders.row.due', { date: date(item.dueDate) })}</span>;
}

/** The button's accessible name says what it acts on: "Done Acme Follow-up due". */
function labelledBy(id: string, button: string): string {
  const row = rowId(id);
  return `${button} ${row}-subject ${row}-kind`;
}

function inPlace(action: string, id: string) {
  return { 'hx-post': action, 'hx-target': `#${rowId(id)}`, 'hx-swap': 'outerHTML' };
}

function DoneForm({ view, item, back }: { view: View; item: ReminderItem; back: string }) {
  const action = `/reminders/${item.id}/done`;
  const button = `${rowId(item.id)}-done`;
  return (
    <PostForm view={view} action={action} class="inline-form" attrs={inPlace(action, item.id)}>
      <input type="hidden" name="_back" value={back} />
      <button type="submit" class="secondary" id={button} aria-labelledby={labelledBy(item.id, button)}>
        {view.i18n.t('reminders.action.done')}
      </button>
    </PostForm>
  );
}

/** The id of a reminder's snooze form: a refused snooze re-renders only this form, with its error. */
export const snoozeFormId = (id: string) => `${rowId(id)}-snooze`;

/** A date (a week later by default) and a button; the service refuses a day that is not after today. */
export function SnoozeForm(props: {
  view: View;
  id: string;
  back: string;
  today: string;
  value?: string;
  error?: string;
}) {
  const { view, id } = props;
  const { t } = view.i18n;
  const action = `/reminders/${id}/snooze`;
  const formId = snoozeFormId(id);
  const input = `${formId}-until`;
  const button = `${formId}-button`;
  return (
    <PostForm
      view={view}
      action={action}
      id={formId}
      class={`snooze-form${props.error ? ' field-invalid' : ''}`}
      attrs={inPlace(action, id)}
    >
      <input type="hidden" name="_back" value={props.back} />
      <label id={`${input}-label`} for={input}>
        {t('reminders.action.snoozeUntil')}
      </label>
      <input
        id={input}
        name="until"
        type="date"
        value={props.value ?? addDays(props.today, 7)}
        min={addDays(props.today, 1)}
        required
        aria-labelledby={`${input}-label ${rowId(id)}-subject`}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${input}-error` : undefined}
      />
      <button type="submit" class="secondary" id={button} aria-labelledby={labelledBy(id, button)}>
        {t('reminders.action.snooze')}
      </button>
      {props.error ? (
        <p class="field-error" id={`${input}-error`}>
          {props.error}
        </p>
      ) : null}
    </PostForm>
  );
}

/**
 * What replaces a row after done or snooze: a short notice in the list, and the same words in the page's live
 * region (out of band), which screen readers announce.
 */
export function SettledRow(props: { id: string; text: string; kind?: 'success' | 'error' }) {
  return (
    <>
      <li id={rowId(props.id)} class="reminder reminder-settled">
        <p class={`flash flash-${props.kind ?? 'success'}`}>{props.text}</p>
      </li>
      <p id={LIVE_REGION_ID} hx-swap-oob="innerHTML">
        {props.text}
      </p>
    </>
  );
}

/** The page's live region for in-place reminder actions (empty until one happens). */
export function ReminderLiveRegion() {
  return <p id={LIVE_REGION_ID} class="visually-hidden" role="status" aria-live="polite"></p>;
}

/** A list of reminder rows. */
export function ReminderList({
  view,
  items,
  options,
  recipientNames,
}: {
  view: View;
  items: ReminderItem[];
  options: ReminderRowOptions;
  recipientNames?: Map<string, string>;
}) {
  return (
    <ul class="reminder-list">
      {items.map((item) => (
        <ReminderRow
          view={view}
          item={item}
          options={{
            ...options,
            recipientName: item.recipientId ? recipientNames?.get(item.recipientId) : undefined,
          }}
        />
      ))}
    </ul>
  );
}
