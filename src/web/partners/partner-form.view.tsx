import { PARTNER_TIERS } from '../../database/centre.entity.js';
import { PARTNER_STATUSES } from '../../common/domain-values.js';
import type { PartnerResponse } from '../../partners/dto/partner.dto.js';
import { ErrorSummary, Field, PostForm, Select, TextArea } from '../../ui/components/form.js';
import { Layout } from '../../ui/components/layout.js';
import type { FieldErrors, View } from '../../ui/view.js';
import type { CentreFacts } from './partner-page.data.js';
import { optionsOf, SECTOR_LABELS, STATUS_LABELS, TIER_LABELS } from './partner-labels.js';

export interface PartnerFormProps {
  view: View;
  facts: CentreFacts;
  /** Editing this partner; creating one without it. */
  partner?: PartnerResponse;
  /** The fields as text: the partner's, or what was posted. */
  values: Record<string, string>;
  errors?: FieldErrors;
}

/** The form's text for each field of a partner (lists written "a, b"). */
export function partnerValues(partner: PartnerResponse): Record<string, string> {
  return {
    name: partner.name,
    sector: partner.sector,
    tier: partner.tier,
    status: partner.status,
    ownerId: partner.ownerId ?? '',
    cadenceDays: partner.cadenceDays === null ? '' : String(partner.cadenceDays),
    tags: partner.tags.join(', '),
    kinds: partner.kinds.join(', '),
    country: partner.country ?? '',
    region: partner.region ?? '',
    website: partner.website ?? '',
    notes: partner.notes ?? '',
  };
}

/** GET /partners/new and GET /partners/:id/edit: every field of a partner a person sets, errors beside each. */
export function PartnerFormPage({ view, facts, partner, values, errors }: PartnerFormProps) {
  const { t } = view.i18n;
  const optional = t('common.optional');
  const owners = facts.colleagues
    .filter((c) => c.active || c.id === values.ownerId)
    .map((c) => ({ value: c.id, label: c.name }));
  const back = partner ? `/partners/${partner.id}` : '/partners';
  return (
    <Layout
      view={view}
      title={partner ? t('partners.form.editTitle', { name: partner.name }) : t('partners.form.newTitle')}
    >
      <ErrorSummary view={view} errors={errors} />
      <PostForm view={view} action={partner ? `/partners/${partner.id}` : '/partners'} class="card partner-form">
        <Field name="name" label={t('partners.field.name')} value={values.name} error={errors?.name} required />
        <div class="form-row">
          <Select
            name="sector"
            label={t('partners.field.sector')}
            blank={t('partners.form.chooseSector')}
            options={optionsOf(t, SECTOR_LABELS, facts.sectors)}
            value={values.sector}
            error={errors?.sector}
            required
          />
          <Select
            name="tier"
            label={t('partners.field.tier')}
            options={optionsOf(t, TIER_LABELS, PARTNER_TIERS)}
            value={values.tier || 'regular'}
            error={errors?.tier}
          />
          <Select
            name="status"
            label={t('partners.field.status')}
            options={optionsOf(t, STATUS_LABELS, PARTNER_STATUSES)}
            value={values.status || 'active'}
            error={errors?.status}
          />
        </div>
        <div class="form-row">
          <Select
            name="ownerId"
            label={t('partners.field.owner')}
            optionalLabel={optional}
            blank={t('partners.form.noOwner')}
            options={owners}
            value={values.ownerId}
            error={errors?.ownerId}
          />
          <Field
            name="cadenceDays"
            type="number"
            label={t('partners.field.cadenceDays')}
            optionalLabel={optional}
            hint={t('partners.form.cadenceHint')}
            value={values.cadenceDays}
            error={errors?.cadenceDays}
            attrs={{ min: 1, max: 3650, inputmode: 'numeric' }}
          />
        </div>
        <div class="form-row">
          <Field
            name="tags"
            label={t('partners.field.tags')}
            optionalLabel={optional}
            hint={t('partners.form.wordsHint')}
            value={values.tags}
            error={errors?.tags}
          />
          <Field
            name="kinds"
            label={t('partners.field.kinds')}
            optionalLabel={optional}
            hint={t('partners.form.kindsHint')}
            value={values.kinds}
            error={errors?.kinds}
          />
        </div>
        <div class="form-row">
          <Field
            name="country"
            label={t('partners.field.country')}
            optionalLabel={optional}
            hint={t('partners.form.countryHint')}
            value={values.country}
            error={errors?.country}
            attrs={{ maxlength: 2, autocomplete: 'off' }}
          />
          <Field
            name="region"
            label={t('partners.field.region')}
            optionalLabel={optional}
            value={values.region}
            error={errors?.region}
          />
        </div>
        <Field
          name="website"
          type="url"
          label={t('partners.field.website')}
          optionalLabel={optional}
          value={values.website}
          error={errors?.website}
          attrs={{ placeholder: 'https://' }}
        />
        <TextArea
          name="notes"
          label={t('partners.field.notes')}
          optionalLabel={optional}
          value={values.notes}
          error={errors?.notes}
          rows={4}
        />
        <div class="actions">
          <button type="submit" class="primary">
            {partner ? t('common.save') : t('partners.form.create')}
          </button>
          <a href={back}>{t('common.cancel')}</a>
        </div>
      </PostForm>
    </Layout>
  );
}
