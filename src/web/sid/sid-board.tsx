import { localDate } from '../../common/dates.js';
import { SID_ROLE_KINDS, SID_ROLE_STATUSES, type SidRoleKind, type SidRoleStatus } from '../../common/domain-values.js';
import type { SidCampaignResponse } from '../../sid/dto/sid-campaign.dto.js';
import type { SidRoleResponse } from '../../sid/dto/sid-role.dto.js';
import { SID_FIRST_YEAR, SID_LAST_YEAR } from '../../sid/sid-calendar.js';
import { SID_ROLE_TRANSITIONS, canDelete } from '../../sid/sid-role-status.js';
import { EmptyState } from '../../ui/components/empty-state.js';
import { Notice } from '../../ui/components/flash.js';
import { ActionButton, ErrorSummary, PostForm, Select } from '../../ui/components/form.js';
import { Layout } from '../../ui/components/layout.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import type { FieldErrors, View } from '../../ui/view.js';
import { rolesByStatus, type LastYearParticipant, type PartnerChoice } from './sid-campaign.js';

export const ROLE_LABELS = {
  sponsor: 'sid.role.sponsor',
  supporter: 'sid.role.supporter',
  showcase: 'sid.role.showcase',
  activity_host: 'sid.role.activity_host',
  media: 'sid.role.media',
  speaker: 'sid.role.speaker',
  content_co_creator: 'sid.role.content_co_creator',
  ambassador_programme: 'sid.role.ambassador_programme',
  other: 'sid.role.otherRole',
} as const satisfies Record<SidRoleKind, MessageKey>;

const STATUS_LABELS = {
  invited: 'sid.status.invited',
  confirmed: 'sid.status.confirmed',
  delivered: 'sid.status.delivered',
  declined: 'sid.status.declined',
} as const satisfies Record<SidRoleStatus, MessageKey>;

/** The button that moves a role to a status, and its accessible name naming the partner and the role. */
const MOVES = {
  invited: { label: 'sid.move.invited', aria: 'sid.moveLabel.invited' },
  confirmed: { label: 'sid.move.confirmed', aria: 'sid.moveLabel.confirmed' },
  delivered: { label: 'sid.move.delivered', aria: 'sid.moveLabel.delivered' },
  declined: { label: 'sid.move.declined', aria: 'sid.moveLabel.declined' },
} as const satisfies Record<SidRoleStatus, { label: MessageKey; aria: MessageKey }>;

export const CAMPAIGN_ID = 'sid-campaign';
export const BOARD_ID = 'sid-board';

export function roleHref(year: number, roleId?: string): string {
  return roleId ? `/sid/${year}/roles/${roleId}` : `/sid/${year}/roles`;
}

/** What the invite form shows again after a refused submission. */
export interface InviteForm {
  values?: { partnerId?: string; role?: string };
  errors?: FieldErrors;
}

/** Everything the campaign page shows, read once per request. */
export interface CampaignData {
  campaign: SidCampaignResponse;
  roles: SidRoleResponse[];
  lastYear: LastYearParticipant[];
  /** Whether anyone had a role last year (to tell "all invited" from "nobody took part"). */
  hadLastYear: boolean;
  partners: PartnerChoice[];
  /** The year the centre is working on now (see campaign-year.ts). */
  currentYear: number;
  timezone: string;
}

/** A message shown at the top of a swapped part, focused so a screen reader reads it. */
export interface SwapNotice {
  kind: 'success' | 'error';
  text: string;
}

export function CampaignPage(props: { view: View; data: CampaignData; invite?: InviteForm }) {
  const { view, data } = props;
  const { t } = view.i18n;
  const { campaign } = data;
  return (
    <Layout
      view={view}
      title={t('sid.title', { year: String(campaign.year) })}
      actions={<YearLinks view={view} year={campaign.year} />}
    >
      <CampaignSummary view={view} data={data} />
      <CampaignSection view={view} data={data} invite={props.invite} />
    </Layout>
  );
}

function YearLinks({ view, year }: { view: View; year: number }) {
  const { t } = view.i18n;
  return (
    <nav aria-label={t('sid.nav.label')}>
      <ul class="actions sid-years">
        {year > SID_FIRST_YEAR ? (
          <li>
            <a href={`/sid/${year - 1}`} rel="prev">
              {t('sid.nav.previous', { year: String(year - 1) })}
            </a>
          </li>
        ) : null}
        {year < SID_LAST_YEAR ? (
          <li>
            <a href={`/sid/${year + 1}`} rel="next">
              {t('sid.nav.next', { year: String(year + 1) })}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

function CampaignSummary({ view, data }: { view: View; data: CampaignData }) {
  const { t, date } = view.i18n;
  const { campaign } = data;
  return (
    <div class="card sid-summary">
      <dl class="sid-facts">
        <div>
          <dt>{t('sid.date.label')}</dt>
          <dd>
            {date(campaign.date)}{' '}
            <span class="muted">({t(campaign.dateSource === 'centre' ? 'sid.date.centre' : 'sid.date.default')})</span>
          </dd>
        </div>
        <div>
          <dt>{t('sid.window.label')}</dt>
          <dd>{t('sid.window.value', { start: date(campaign.windowStart), end: date(campaign.windowEnd) })}</dd>
        </div>
        {campaign.theme ? (
          <div>
            <dt>{t('sid.theme.label')}</dt>
            <dd>{campaign.theme}</dd>
          </div>
        ) : null}
      </dl>
      {campaign.year === data.currentYear ? (
        <p class="muted">{t('sid.current')}</p>
      ) : (
        <p>
          <a href="/sid">{t('sid.toCurrent', { year: String(data.currentYear) })}</a>
        </p>
      )}
    </div>
  );
}

/** The part of the page an invitation or a removal changes: the board, the invite form, last year's list. */
export function CampaignSection(props: { view: View; data: CampaignData; invite?: InviteForm; notice?: SwapNotice }) {
  const { view, data } = props;
  return (
    <div id={CAMPAIGN_ID}>
      {props.notice ? <FocusedNotice notice={props.notice} /> : null}
      <Board view={view} year={data.campaign.year} roles={data.roles} timezone={data.timezone} />
      <InviteSection view={view} data={data} invite={props.invite} />
      <LastYearSection view={view} data={data} />
    </div>
  );
}

function FocusedNotice({ notice }: { notice: SwapNotice }) {
  // htmx focuses [autofocus] in what it swaps in: the reader hears what happened.
  return (
    <div class="sid-notice" tabindex={-1} autofocus>
      <Notice kind={notice.kind}>{notice.text}</Notice>
    </div>
  );
}

/** The columns invited → confirmed → delivered, and declined: what a move re-renders. */
export function Board(props: {
  view: View;
  year: number;
  roles: SidRoleResponse[];
  timezone: string;
  notice?: SwapNotice;
  /** The role just moved: htmx focuses it in its new column. */
  focusRoleId?: string;
}) {
  const { view, year, roles } = props;
  const { t } = view.i18n;
  const columns = rolesByStatus(roles);
  return (
    <section id={BOARD_ID} aria-labelledby="sid-board-title">
      <h2 id="sid-board-title">{t('sid.board.title')}</h2>
      {props.notice ? <FocusedNotice notice={props.notice} /> : null}
      {roles.length === 0 ? <p class="muted">{t('sid.board.empty', { year: String(year) })}</p> : null}
      <div class="columns">
        {SID_ROLE_STATUSES.map((status) => (
          <section class="column" id={`sid-col-${status}`} aria-labelledby={`sid-col-${status}-title`}>
            <h3 id={`sid-col-${status}-title`}>
              {t('sid.column.title', { status: t(STATUS_LABELS[status]), count: columns[status].length })}
            </h3>
            {columns[status].length === 0 ? (
              <p class="muted">{t('sid.column.empty')}</p>
            ) : (
              <ul>
                {columns[status].map((role) => (
                  <RoleCard
                    view={view}
                    year={year}
                    role={role}
                    timezone={props.timezone}
                    focus={role.id === props.focusRoleId}
                  />
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </section>
  );
}

function RoleCard(props: { view: View; year: number; role: SidRoleResponse; timezone: string; focus: boolean }) {
  const { view, year, role } = props;
  const { t } = view.i18n;
  const roleLabel = t(ROLE_LABELS[role.role]);
  const names = { partner: role.partnerName, role: roleLabel, year: String(year) };
  return (
    <li id={`sid-role-${role.id}`} class="sid-card" tabindex={props.focus ? -1 : undefined} autofocus={props.focus}>
      <p class="sid-card-title">
        <a href={`/partners/${role.partnerId}`}>{role.partnerName}</a> <span class="tag">{roleLabel}</span>
        <span class="visually-hidden"> · {t(STATUS_LABELS[role.status])}</span>
      </p>
      <p class="muted sid-card-since">
        {t('sid.card.since', { date: view.i18n.date(localDate(new Date(role.statusChangedAt), props.timezone)) })}
      </p>
      {role.notes ? <p class="sid-card-notes">{role.notes}</p> : null}
      <div class="actions">
        {SID_ROLE_TRANSITIONS[role.status].map((to) => (
          <ActionButton
            view={view}
            action={roleHref(year, role.id)}
            fields={{ status: to }}
            target={`#${BOARD_ID}`}
            variant={to === 'declined' ? 'secondary' : 'primary'}
            label={t(MOVES[to].label)}
            ariaLabel={t(MOVES[to].aria, names)}
          />
        ))}
        {canDelete(role.status) ? (
          <PostForm
            view={view}
            action={`${roleHref(year, role.id)}/delete`}
            class="inline-form"
            attrs={{
              'hx-post': `${roleHref(year, role.id)}/delete`,
              'hx-target': `#${CAMPAIGN_ID}`,
              'hx-swap': 'outerHTML',
            }}
          >
            <button
              type="submit"
              class="link-button"
              aria-label={t('sid.removeLabel', names)}
              data-confirm={t('sid.remove.confirm')}
            >
              {t('sid.remove')}
            </button>
          </PostForm>
        ) : null}
      </div>
    </li>
  );
}

function InviteSection({ view, data, invite }: { view: View; data: CampaignData; invite?: InviteForm }) {
  const { t } = view.i18n;
  const year = data.campaign.year;
  const errors = invite?.errors;
  return (
    <section aria-labelledby="sid-invite-title" class="card sid-invite">
      <h2 id="sid-invite-title">{t('sid.invite.title')}</h2>
      {data.partners.length === 0 ? (
        <EmptyState title={t('sid.invite.noPartners')}>
          <p>
            <a href="/partners">{t('sid.invite.toPartners')}</a>
          </p>
        </EmptyState>
      ) : (
        <PostForm
          view={view}
          action={roleHref(year)}
          attrs={{ 'hx-post': roleHref(year), 'hx-target': `#${CAMPAIGN_ID}`, 'hx-swap': 'outerHTML' }}
        >
          <ErrorSummary view={view} errors={errors} />
          <div class="form-row">
            <Select
              name="partnerId"
              label={t('sid.invite.partner')}
              blank={t('sid.invite.choose')}
              options={data.partners.map((p) => ({ value: p.id, label: p.name }))}
              value={invite?.values?.partnerId}
              error={errors?.partnerId}
              required
            />
            <Select
              name="role"
              label={t('sid.invite.role')}
              options={SID_ROLE_KINDS.map((kind) => ({ value: kind, label: t(ROLE_LABELS[kind]) }))}
              value={invite?.values?.role ?? 'supporter'}
              error={errors?.role}
              required
            />
            <div class="sid-invite-submit">
              <button type="submit" class="primary">
                {t('sid.invite.submit')}
              </button>
            </div>
          </div>
          {errors?._form ? <p class="field-error">{errors._form}</p> : null}
        </PostForm>
      )}
    </section>
  );
}

function LastYearSection({ view, data }: { view: View; data: CampaignData }) {
  const { t } = view.i18n;
  const year = data.campaign.year;
  const last = String(year - 1);
  return (
    <section aria-labelledby="sid-last-year-title">
      <h2 id="sid-last-year-title">{t('sid.lastYear.title', { year: last })}</h2>
      {data.lastYear.length === 0 ? (
        <p class="muted">{t(data.hadLastYear ? 'sid.lastYear.allInvited' : 'sid.lastYear.none', { year: last })}</p>
      ) : (
        <>
          <p class="muted">{t('sid.lastYear.intro', { year: last })}</p>
          <ul class="sid-last-year">
            {data.lastYear.map((participant) => {
              const offered = participant.roles[0]!.role;
              return (
                <li id={`sid-last-${participant.partnerId}`}>
                  <span class="sid-last-name">
                    <a href={`/partners/${participant.partnerId}`}>{participant.partnerName}</a>{' '}
                    <span class="muted">
                      {participant.roles
                        .map((r) =>
                          t('sid.lastYear.role', { role: t(ROLE_LABELS[r.role]), status: t(STATUS_LABELS[r.status]) }),
                        )
                        .join(', ')}
                    </span>
                  </span>
                  <ActionButton
                    view={view}
                    action={roleHref(year)}
                    fields={{ partnerId: participant.partnerId, role: offered }}
                    target={`#${CAMPAIGN_ID}`}
                    label={t('sid.lastYear.invite')}
                    ariaLabel={t('sid.lastYear.inviteLabel', {
                      partner: participant.partnerName,
                      role: t(ROLE_LABELS[offered]),
                    })}
                  />
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

/** The label of a role kind and of a status, for notices. */
export function roleLabelKey(kind: SidRoleKind): MessageKey {
  return ROLE_LABELS[kind];
}

export function statusLabelKey(status: SidRoleStatus): MessageKey {
  return STATUS_LABELS[status];
}
