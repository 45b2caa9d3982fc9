import { localDate } from '../../common/dates.js';
import type { TimelineItem, TimelinePage } from '../../partners/dto/partner.dto.js';
import type { View } from '../../ui/view.js';
import { ENGAGEMENT_TYPE_LABELS, labelOf, SID_ROLE_LABELS, SID_STATUS_LABELS } from './partner-labels.js';

export interface TimelineProps {
  view: View;
  partnerId: string;
  timeline: TimelinePage;
  /** Colleagues' names by id ("logged by"). */
  names: Map<string, string>;
}

/** The partner's history, newest first; "load more" appends the next page in place (htmx) or opens it (no script). */
export function TimelineSection(props: TimelineProps & { before?: string }) {
  const { view, partnerId, timeline, before } = props;
  const { t } = view.i18n;
  return (
    <section class="card" id="timeline" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('partners.timeline.title')}</h2>
      {before ? (
        <p>
          <a href={`/partners/${partnerId}#timeline`}>{t('partners.timeline.newest')}</a>
        </p>
      ) : null}
      {timeline.items.length === 0 ? (
        <p class="muted">{t('partners.timeline.empty')}</p>
      ) : (
        <ol class="timeline">
          <TimelineItems {...props} />
        </ol>
      )}
    </section>
  );
}

/** The items of one page and, when there are older ones, the "load more" link that this same fragment replaces. */
export function TimelineItems({ view, partnerId, timeline, names }: TimelineProps) {
  const cursor = timeline.nextCursor;
  return (
    <>
      {timeline.items.map((item) => (
        <TimelineEntry view={view} item={item} names={names} />
      ))}
      {cursor ? (
        <li class="timeline-more">
          <a
            href={`/partners/${partnerId}?before=${encodeURIComponent(cursor)}#timeline`}
            hx-get={`/partners/${partnerId}/timeline?before=${encodeURIComponent(cursor)}`}
            hx-target="closest li"
            hx-swap="outerHTML"
            class="button secondary"
          >
            {view.i18n.t('common.loadMore')}
          </a>
        </li>
      ) : null}
    </>
  );
}

function TimelineEntry({ view, item, names }: { view: View; item: TimelineItem; names: Map<string, string> }) {
  const { t } = view.i18n;
  const day = view.i18n.date(localDate(new Date(item.at), view.centre?.timezone ?? 'UTC'));
  return (
    <li class={`timeline-item timeline-${item.kind}`} id={`t-${item.id}`}>
      <p class="timeline-when">
        <time datetime={item.at}>{day}</time>
      </p>
      {item.kind === 'sid_role' ? (
        <p>
          <strong>{t('partners.timeline.sid', { year: item.sidYear ?? '' })}</strong>{' '}
          {t('partners.timeline.sidRole', {
            role: labelOf(t, SID_ROLE_LABELS, item.role),
            status: labelOf(t, SID_STATUS_LABELS, item.status),
          })}
        </p>
      ) : (
        <>
          <p>
            <strong>{labelOf(t, ENGAGEMENT_TYPE_LABELS, item.type)}</strong>
            {item.board ? (
              <>
                {' '}
                (<a href={`/advisory-boards/${item.board.id}`}>{item.board.name}</a>)
              </>
            ) : null}
            {': '}
            {item.summary}
          </p>
          {item.outcome ? <p>{t('partners.timeline.outcome', { outcome: item.outcome })}</p> : null}
          {item.followUpAt ? (
            <p>
              <span class="tag">{t('partners.timeline.followUp', { date: view.i18n.date(item.followUpAt) })}</span>
            </p>
          ) : null}
          {item.loggedById && names.has(item.loggedById) ? (
            <p class="muted">{t('partners.timeline.loggedBy', { name: names.get(item.loggedById)! })}</p>
          ) : null}
        </>
      )}
    </li>
  );
}
