import { daysBetween, localDate } from '../../common/dates.js';
import type { PartnerResponse } from '../../partners/dto/partner.dto.js';
import { PostForm } from '../../ui/components/form.js';
import { Layout } from '../../ui/components/layout.js';
import type { View } from '../../ui/view.js';
import { ContactsSection, type FormState } from './contacts.view.js';
import { LogContactSection } from './log-contact.view.js';
import { lastContact, NextDue } from './partner-list.view.js';
import type { PartnerProfile, Seat, SidYear } from './partner-page.data.js';
import {
  BOARD_ROLE_LABELS,
  CADENCE_SOURCE_LABELS,
  labelOf,
  SECTOR_LABELS,
  SID_ROLE_LABELS,
  SID_STATUS_LABELS,
  STATUS_LABELS,
  TIER_LABELS,
} from './partner-labels.js';
import { TimelineSection } from './timeline.view.js';

export interface PartnerPageProps {
  view: View;
  profile: PartnerProfile;
  /** The timeline's cursor when the page shows older history (no-script "load more"). */
  before?: string;
  /** The log-a-contact form: fresh, or as posted with its errors. */
  log: FormState;
  /** The add-a-contact form after a refused submission. */
  adding?: FormState;
}

/** GET /partners/:id: what the centre knows of a partner, and the ways to add to it. */
export function PartnerPage({ view, profile, before, log, adding }: PartnerPageProps) {
  const { partner, facts } = profile;
  const names = new Map(facts.colleagues.map((c) => [c.id, c.name]));
  return (
    <Layout view={view} title={partner.name} actions={<PartnerActions view={view} partner={partner} />}>
      <Banners view={view} partner={partner} today={facts.today} />
      <div class="partner-layout">
        <div class="partner-main">
          <LogContactSection
            view={view}
            partner={partner}
            contacts={profile.contacts}
            today={facts.today}
            state={log}
          />
          <TimelineSection
            view={view}
            partnerId={partner.id}
            timeline={profile.timeline}
            names={names}
            before={before}
          />
        </div>
        <div class="partner-side">
          <KeepingInTouch view={view} partner={partner} />
          <Details view={view} partner={partner} owner={partner.ownerId ? names.get(partner.ownerId) : undefined} />
          <ContactsSection view={view} partner={partner} contacts={profile.contacts} adding={adding} />
          <SidRoles view={view} years={profile.sidYears} />
          <BoardSeats view={view} seats={profile.seats} />
        </div>
      </div>
    </Layout>
  );
}

function PartnerActions({ view, partner }: { view: View; partner: PartnerResponse }) {
  const { t } = view.i18n;
  const vars = { name: partner.name };
  return (
    <>
      <a class="button secondary" href={`/partners/${partner.id}/edit`}>
        {t('partners.page.edit')}
      </a>
      <PostForm
        view={view}
        action={`/partners/${partner.id}/${partner.archived ? 'restore' : 'archive'}`}
        class="inline-form"
      >
        {partner.archived ? (
          <button type="submit" class="secondary" data-confirm={t('partners.page.restoreConfirm', vars)}>
            {t('partners.page.restore')}
          </button>
        ) : (
          <button type="submit" class="danger" data-confirm={t('partners.page.archiveConfirm', vars)}>
            {t('partners.page.archive')}
          </button>
        )}
      </PostForm>
    </>
  );
}

/** Archived, or overdue for a contact: said in words at the top, not by colour alone. */
function Banners({ view, partner, today }: { view: View; partner: PartnerResponse; today: string }) {
  const { t } = view.i18n;
  if (partner.archived) {
    return (
      <div class="banner" role="status">
        <strong>{t('partners.page.archivedBanner')}</strong>{' '}
        {partner.archivedAt
          ? t('partners.page.archivedSince', {
              date: view.i18n.date(localDate(new Date(partner.archivedAt), view.centre?.timezone ?? 'UTC')),
            })
          : null}
      </div>
    );
  }
  if (!partner.overdue) return null;
  const late = Math.max(1, daysBetween(partner.nextContactDue, today));
  return (
    <div class="banner banner-danger overdue-banner" role="status">
      <strong>{t('partners.page.overdueBanner')}</strong>{' '}
      {view.i18n.plural('partners.page.overdueSince', late, { date: view.i18n.date(partner.nextContactDue) })}{' '}
      <a href="#log">{t('partners.page.logNow')}</a>
    </div>
  );
}

function KeepingInTouch({ view, partner }: { view: View; partner: PartnerResponse }) {
  const { t } = view.i18n;
  return (
    <section class="card" aria-labelledby="cadence-heading">
      <h2 id="cadence-heading">{t('partners.page.cadenceTitle')}</h2>
      <dl class="details">
        <dt>{t('partners.page.cadence')}</dt>
        <dd>
          {view.i18n.plural('partners.page.everyDays', partner.cadence.days)}{' '}
          <span class="muted">({t(CADENCE_SOURCE_LABELS[partner.cadence.source])})</span>
        </dd>
        <dt>{t('partners.lastContact')}</dt>
        <dd>{lastContact(view, partner)}</dd>
        <dt>{t('partners.nextContactDue')}</dt>
        <dd>
          <NextDue view={view} partner={partner} />
        </dd>
      </dl>
    </section>
  );
}

function Details({ view, partner, owner }: { view: View; partner: PartnerResponse; owner?: string }) {
  const { t } = view.i18n;
  const place = [partner.region, partner.country].filter(Boolean).join(', ');
  return (
    <section class="card" aria-labelledby="details-heading">
      <h2 id="details-heading">{t('partners.page.details')}</h2>
      <dl class="details">
        <dt>{t('partners.field.sector')}</dt>
        <dd>{labelOf(t, SECTOR_LABELS, partner.sector)}</dd>
        <dt>{t('partners.field.tier')}</dt>
        <dd>{labelOf(t, TIER_LABELS, partner.tier)}</dd>
        <dt>{t('partners.field.status')}</dt>
        <dd>{labelOf(t, STATUS_LABELS, partner.status)}</dd>
        <dt>{t('partners.field.owner')}</dt>
        <dd>{owner ?? t('partners.form.noOwner')}</dd>
        {partner.kinds.length > 0 ? (
          <>
            <dt>{t('partners.field.kinds')}</dt>
            <dd>{partner.kinds.map((kind) => kind.replace(/_/g, ' ')).join(', ')}</dd>
          </>
        ) : null}
        {partner.tags.length > 0 ? (
          <>
            <dt>{t('partners.field.tags')}</dt>
            <dd>
              {partner.tags.map((tag) => (
                <>
                  <a class="tag" href={`/partners?tag=${encodeURIComponent(tag)}`}>
                    {tag}
                  </a>{' '}
                </>
              ))}
            </dd>
          </>
        ) : null}
        {place ? (
          <>
            <dt>{t('partners.page.place')}</dt>
            <dd>{place}</dd>
          </>
        ) : null}
        {partner.website && /^https?:\/\//i.test(partner.website) ? (
          <>
            <dt>{t('partners.field.website')}</dt>
            <dd class="break">
              <a href={partner.website} rel="noopener noreferrer">
                {partner.website}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {partner.notes ? <p class="notes">{partner.notes}</p> : null}
    </section>
  );
}

function SidRoles({ view, years }: { view: View; years: SidYear[] }) {
  const { t } = view.i18n;
  return (
    <section class="card" aria-labelledby="sid-heading">
      <h2 id="sid-heading">{t('partners.page.sidTitle')}</h2>
      {years.length === 0 ? <p class="muted">{t('partners.page.sidEmpty')}</p> : null}
      {years.map(({ year, roles }) => (
        <>
          <h3>
            <a href={`/sid/${year}`}>{t('partners.timeline.sid', { year: String(year) })}</a>
          </h3>
          <ul class="plain-list">
            {roles.map((role) => (
              <li>
                {t('partners.timeline.sidRole', {
                  role: labelOf(t, SID_ROLE_LABELS, role.role),
                  status: labelOf(t, SID_STATUS_LABELS, role.status),
                })}
              </li>
            ))}
          </ul>
        </>
      ))}
    </section>
  );
}

function BoardSeats({ view, seats }: { view: View; seats: Seat[] }) {
  const { t } = view.i18n;
  return (
    <section class="card" aria-labelledby="seats-heading">
      <h2 id="seats-heading">{t('partners.page.seatsTitle')}</h2>
      {seats.length === 0 ? (
        <p class="muted">{t('partners.page.seatsEmpty')}</p>
      ) : (
        <ul class="plain-list">
          {seats.map((seat) => (
            <li>
              <a href={`/advisory-boards/${seat.boardId}`}>{seat.boardName}</a>
              {': '}
              {labelOf(t, BOARD_ROLE_LABELS, seat.role)}
              {', '}
              {seat.termEnd
                ? t('partners.page.term', { from: view.i18n.date(seat.termStart), to: view.i18n.date(seat.termEnd) })
                : t('partners.page.termOpen', { from: view.i18n.date(seat.termStart) })}{' '}
              <span class="tag">{seat.current ? t('partners.page.seatCurrent') : t('partners.page.seatPast')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
