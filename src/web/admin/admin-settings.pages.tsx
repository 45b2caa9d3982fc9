import { Body, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { RolesOrNetworkAdmin } from '../../access/policy.js';
import { CentresService } from '../../centres/centres.service.js';
import { UpdateCentreDto } from '../../centres/dto/centre.dto.js';
import { Clock } from '../../common/clock.js';
import { localDate } from '../../common/dates.js';
import type { RequestContext } from '../../common/request-context.js';
import { PARTNER_TIERS, type PartnerTier } from '../../database/centre.entity.js';
import { UpdateSidCampaignDto, type SidCampaignResponse } from '../../sid/dto/sid-campaign.dto.js';
import { SidService } from '../../sid/sid.service.js';
import { ChoiceGroup, ErrorSummary, Field, PostForm, Select, TextArea } from '../../ui/components/form.js';
import { Table } from '../../ui/components/table.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import type { FieldErrors, View } from '../../ui/view.js';
import { setFlash } from '../flash.js';
import { domainFieldErrors, readForm, type FormBody } from '../forms.js';
import { WebContext } from '../web-context.service.js';
import { html, Html, WebController } from '../web-page.js';
import { text } from './admin-forms.js';
import { AdminLayout } from './admin-layout.js';
import { settingsBody, settingsValues, splitList } from './settings-form.js';

const SETTINGS = '/admin/settings';

/** Every IANA zone the runtime knows (the DTO's IsTimeZone accepts these), in order. */
const TIME_ZONES = [...Intl.supportedValuesOf('timeZone')].sort();
const HOURS = Array.from({ length: 24 }, (_, hour) => String(hour));

const TIER_LABELS = {
  key: 'admin.settings.tier.key',
  regular: 'admin.settings.tier.regular',
  occasional: 'admin.settings.tier.occasional',
} satisfies Record<PartnerTier, MessageKey>;

interface SidYears {
  years: SidCampaignResponse[];
  /** The SID an admin most likely wants to move: this year's until March is over, then next year's. */
  upcoming: number;
}

interface SettingsState {
  values: FormBody;
  errors?: FieldErrors;
  sidValues?: FormBody;
  sidErrors?: FieldErrors;
}

/**
 * The centre's settings (/admin/settings): the same UpdateCentreDto and CentresService.update as PATCH
 * /api/v1/centres/:id, so the same rules; nothing is written unless all of it is valid. The SID dates of this year
 * and next are set beside them (SidService.update, as PUT /api/v1/sid/:year).
 */
@WebController()
export class AdminSettingsPages {
  constructor(
    private readonly web: WebContext,
    private readonly centres: CentresService,
    private readonly sid: SidService,
    private readonly clock: Clock,
  ) {}

  @Get('admin/settings')
  @RolesOrNetworkAdmin('admin')
  @Html()
  async show(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const view = await this.web.view(ctx, req, res);
    const centre = await this.centres.get(ctx, ctx.centreId);
    return this.render(ctx, view, { values: settingsValues(centre) });
  }

  @Post('admin/settings')
  @RolesOrNetworkAdmin('admin')
  @HttpCode(200)
  @Html()
  async save(
    @Ctx() ctx: RequestContext,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    const view = await this.web.view(ctx, req, res);
    const form = await readForm(UpdateCentreDto, {}, view.i18n, { extra: settingsBody(body) });
    let errors = form.ok ? undefined : form.errors;
    if (form.ok) {
      try {
        await this.centres.update(ctx, ctx.centreId, form.dto);
        setFlash(res, 'common.flash.saved');
        return res.redirect(303, SETTINGS);
      } catch (error) {
        errors = domainFieldErrors(error, view.i18n);
        if (!errors) throw error;
      }
    }
    res.status(400);
    return this.render(ctx, view, { values: body, errors });
  }

  @Post('admin/settings/sid-date')
  @RolesOrNetworkAdmin('admin')
  @HttpCode(200)
  @Html()
  async saveSidDate(
    @Ctx() ctx: RequestContext,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    const view = await this.web.view(ctx, req, res);
    const { years } = await this.sidYears(ctx, view);
    const year = years.find((campaign) => String(campaign.year) === text(body, 'year'))?.year;
    const date = text(body, 'date');
    // Blank means the usual Tuesday: the API's null.
    const form = await readForm(UpdateSidCampaignDto, {}, view.i18n, { extra: { date: date === '' ? null : date } });
    let sidErrors: FieldErrors | undefined =
      year === undefined ? { year: view.i18n.t('common.field.invalid') } : undefined;
    if (form.ok && year !== undefined) {
      try {
        await this.sid.update(ctx, year, { date: form.dto.date });
        setFlash(res, 'admin.settings.sid.saved');
        return res.redirect(303, `${SETTINGS}#sid-dates`);
      } catch (error) {
        sidErrors = domainFieldErrors(error, view.i18n, 'date');
        if (!sidErrors) throw error;
      }
    } else if (!form.ok) sidErrors = { ...sidErrors, ...form.errors };
    res.status(400);
    const centre = await this.centres.get(ctx, ctx.centreId);
    return this.render(ctx, view, { values: settingsValues(centre), sidValues: body, sidErrors });
  }

  private async render(ctx: RequestContext, view: View, state: SettingsState): Promise<string> {
    return html(<SettingsPage view={view} state={state} sid={await this.sidYears(ctx, view)} />);
  }

  private async sidYears(ctx: RequestContext, view: View): Promise<SidYears> {
    const today = localDate(this.clock.now(), view.centre?.timezone ?? 'UTC');
    const year = Number(today.slice(0, 4));
    const years = [await this.sid.get(ctx, year), await this.sid.get(ctx, year + 1)];
    return { years, upcoming: today.slice(5) > '03-31' ? year + 1 : year };
  }
}

function SettingsPage({ view, state, sid }: { view: View; state: SettingsState; sid: SidYears }) {
  const { t } = view.i18n;
  const { values, errors } = state;
  const value = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const sectors = splitList(values.sectors);
  return (
    <AdminLayout view={view} title={t('admin.settings.title')}>
      <ErrorSummary view={view} errors={errors} />
      <PostForm view={view} action={SETTINGS} class="settings-form">
        <section class="card" aria-labelledby="settings-centre">
          <h2 id="settings-centre">{t('admin.settings.centre')}</h2>
          <div class="form-row">
            <Field name="name" label={t('admin.settings.name')} value={value('name')} error={errors?.name} required />
            <Field
              name="country"
              label={t('admin.settings.country')}
              hint={t('admin.settings.countryHint')}
              value={value('country')}
              error={errors?.country}
              required
              attrs={{ maxlength: 2, autocomplete: 'off' }}
            />
          </div>
          <div class="form-row">
            <Select
              name="timezone"
              label={t('admin.settings.timezone')}
              options={withCurrent(TIME_ZONES, value('timezone')).map((zone) => ({ value: zone, label: zone }))}
              value={value('timezone')}
              error={errors?.timezone}
              required
            />
            <Select
              name="locale"
              label={t('admin.settings.locale')}
              hint={t('admin.settings.localeHint')}
              options={withCurrent(['en', 'fr'], value('locale')).map((code) => ({
                value: code,
                label:
                  code === 'en' ? t('admin.settings.locale.en') : code === 'fr' ? t('admin.settings.locale.fr') : code,
              }))}
              value={value('locale')}
              error={errors?.locale}
            />
          </div>
        </section>

        <section class="card" aria-labelledby="settings-reminders">
          <h2 id="settings-reminders">{t('admin.settings.reminders')}</h2>
          <Select
            name="reminderHour"
            label={t('admin.settings.reminderHour')}
            hint={t('admin.settings.reminderHourHint')}
            options={HOURS.map((hour) => ({ value: hour, label: `${hour.padStart(2, '0')}:00` }))}
            value={value('reminderHour')}
            error={errors?.reminderHour}
          />
          <Field
            name="keepWarmPlan"
            label={t('admin.settings.keepWarmPlan')}
            hint={t('admin.settings.keepWarmPlanHint')}
            value={value('keepWarmPlan')}
            error={errors?.keepWarmPlan}
            attrs={{ inputmode: 'numeric', autocomplete: 'off' }}
          />
        </section>

        <section class="card" aria-labelledby="settings-sectors">
          <h2 id="settings-sectors">{t('admin.settings.sectors')}</h2>
          <TextArea
            name="sectors"
            label={t('admin.settings.sectorList')}
            hint={t('admin.settings.sectorListHint')}
            value={value('sectors')}
            error={errors?.sectors}
            rows={Math.min(16, Math.max(4, sectors.length + 1))}
          />
          <ChoiceGroup
            type="checkbox"
            name="requiredBoardSectors"
            legend={t('admin.settings.requiredBoardSectors')}
            hint={t('admin.settings.requiredBoardSectorsHint')}
            options={sectors.map((sector) => ({ value: sector, label: sector }))}
            checked={splitList(values.requiredBoardSectors)}
            error={errors?.requiredBoardSectors}
          />
        </section>

        <section class="card" aria-labelledby="settings-cadence">
          <h2 id="settings-cadence">{t('admin.settings.cadence')}</h2>
          <p class="hint">{t('admin.settings.cadenceIntro')}</p>
          <Field
            name="cadence.defaultDays"
            type="number"
            label={t('admin.settings.defaultDays')}
            value={value('cadence.defaultDays')}
            error={errors?.['cadence.defaultDays'] ?? errors?.cadence}
            required
            attrs={{ min: 1, max: 3650 }}
          />
          <h3>{t('admin.settings.byTier')}</h3>
          <div class="form-row">
            {PARTNER_TIERS.map((tier) => (
              <Field
                name={`cadence.byTier.${tier}`}
                type="number"
                label={t(TIER_LABELS[tier])}
                value={value(`cadence.byTier.${tier}`)}
                error={errors?.[`cadence.byTier.${tier}`]}
                attrs={{ min: 1, max: 3650 }}
              />
            ))}
          </div>
          <h3>{t('admin.settings.bySector')}</h3>
          <p class="hint">{t('admin.settings.bySectorHint')}</p>
          <div class="form-row">
            {sectors.map((sector) => (
              <Field
                name={`cadence.bySector.${sector}`}
                type="number"
                label={sector}
                value={value(`cadence.bySector.${sector}`)}
                error={errors?.[`cadence.bySector.${sector}`]}
                attrs={{ min: 1, max: 3650 }}
              />
            ))}
          </div>
        </section>

        <section class="card" aria-labelledby="settings-sid">
          <h2 id="settings-sid">{t('admin.settings.sidWindow')}</h2>
          <p class="hint">{t('admin.settings.sidWindowIntro')}</p>
          <div class="form-row">
            <Field
              name="sidDaysBefore"
              type="number"
              label={t('admin.settings.sidDaysBefore')}
              value={value('sidDaysBefore')}
              error={errors?.sidDaysBefore}
              attrs={{ min: 0, max: 180 }}
            />
            <Field
              name="sidDaysAfter"
              type="number"
              label={t('admin.settings.sidDaysAfter')}
              value={value('sidDaysAfter')}
              error={errors?.sidDaysAfter}
              attrs={{ min: 0, max: 180 }}
            />
          </div>
        </section>

        <section class="card" aria-labelledby="settings-retention">
          <h2 id="settings-retention">{t('admin.settings.retention')}</h2>
          <Field
            name="contactRetentionMonths"
            type="number"
            label={t('admin.settings.retentionMonths')}
            hint={t('admin.settings.retentionMonthsHint')}
            value={value('contactRetentionMonths')}
            error={errors?.contactRetentionMonths}
            attrs={{ min: 1, max: 120 }}
          />
        </section>

        <button type="submit" class="primary">
          {t('admin.settings.submit')}
        </button>
      </PostForm>

      <SidDates view={view} sid={sid} values={state.sidValues} errors={state.sidErrors} />
    </AdminLayout>
  );
}

function SidDates(props: { view: View; sid: SidYears; values?: FormBody; errors?: FieldErrors }) {
  const { view, sid, errors } = props;
  const { t } = view.i18n;
  const chosenYear = typeof props.values?.year === 'string' ? props.values.year : String(sid.upcoming);
  const chosenDate = typeof props.values?.date === 'string' ? props.values.date : '';
  return (
    <section class="card" id="sid-dates" aria-labelledby="sid-dates-title">
      <h2 id="sid-dates-title">{t('admin.settings.sid.title')}</h2>
      <p class="hint">{t('admin.settings.sid.intro')}</p>
      <Table
        view={view}
        caption={t('admin.settings.sid.caption')}
        rows={sid.years}
        columns={[
          { label: t('admin.settings.sid.year'), cell: (campaign) => String(campaign.year) },
          {
            label: t('admin.settings.sid.date'),
            cell: (campaign) =>
              `${view.i18n.date(campaign.date)} · ${t(
                campaign.dateSource === 'centre' ? 'admin.settings.sid.own' : 'admin.settings.sid.usual',
              )}`,
          },
          {
            label: t('admin.settings.sid.window'),
            cell: (campaign) =>
              t('admin.settings.sid.windowRange', {
                start: view.i18n.date(campaign.windowStart),
                end: view.i18n.date(campaign.windowEnd),
              }),
          },
        ]}
      />
      <ErrorSummary view={view} errors={errors} />
      <PostForm view={view} action={`${SETTINGS}/sid-date`}>
        <div class="form-row">
          <Select
            name="year"
            label={t('admin.settings.sid.year')}
            options={sid.years.map((campaign) => ({ value: String(campaign.year), label: String(campaign.year) }))}
            value={chosenYear}
            error={errors?.year}
          />
          <Field
            name="date"
            type="date"
            label={t('admin.settings.sid.newDate')}
            hint={t('admin.settings.sid.newDateHint')}
            value={chosenDate}
            error={errors?.date}
          />
        </div>
        <button type="submit" class="secondary">
          {t('admin.settings.sid.submit')}
        </button>
      </PostForm>
    </section>
  );
}

/** The choices, with the saved value first kept when it is not among them (a zone the runtime lost, "fr-BE"). */
function withCurrent(choices: string[], current: string): string[] {
  return current && !choices.includes(current) ? [current, ...choices] : choices;
}
