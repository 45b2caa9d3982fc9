import type { ContactResponse } from '../../contacts/dto/contact.dto.js';
import { LOGGABLE_TYPES } from '../../engagements/dto/engagement.dto.js';
import type { PartnerResponse } from '../../partners/dto/partner.dto.js';
import { Checkbox, ErrorSummary, Field, PostForm, Select, TextArea } from '../../ui/components/form.js';
import type { View } from '../../ui/view.js';
import type { FormState } from './contacts.view.js';
import { ENGAGEMENT_TYPE_LABELS, optionsOf } from './partner-labels.js';

/** The fields of a fresh log-a-contact form: today, a meeting. */
export function freshLog(today: string): Record<string, string> {
  return { type: 'meeting', occurredAt: today };
}

/**
 * Log a contact with this partner (POST /partners/:id/engagements, the same service and DTO as POST
 * /api/v1/engagements); a follow-up date makes the reminder scan remind whoever logged it on that day.
 */
export function LogContactSection(props: {
  view: View;
  partner: PartnerResponse;
  contacts: ContactResponse[];
  today: string;
  state: FormState;
}) {
  const { view, partner, contacts, today, state } = props;
  const { t } = view.i18n;
  const { values, errors } = state;
  const chosen = new Set((values.contactIds ?? '').split(',').filter(Boolean));
  return (
    <section class="card" id="log" aria-labelledby="log-heading">
      <h2 id="log-heading">{t('partners.log.title')}</h2>
      {partner.archived ? (
        <p class="muted">{t('partners.log.archived')}</p>
      ) : (
        <>
          <ErrorSummary view={view} errors={errors} />
          <PostForm view={view} action={`/partners/${partner.id}/engagements`}>
            <div class="form-row">
              <Select
                name="type"
                label={t('partners.log.type')}
                options={optionsOf(t, ENGAGEMENT_TYPE_LABELS, LOGGABLE_TYPES)}
                value={values.type}
                error={errors?.type}
              />
              <Field
                name="occurredAt"
                type="date"
                label={t('partners.log.date')}
                value={values.occurredAt}
                error={errors?.occurredAt}
                required
                attrs={{ max: today }}
              />
            </div>
            <TextArea
              name="summary"
              label={t('partners.log.summary')}
              value={values.summary}
              error={errors?.summary}
              required
              rows={2}
            />
            {contacts.length > 0 ? (
              <fieldset class="contact-choice">
                <legend>{t('partners.log.who')}</legend>
                {contacts.map((contact) => (
                  <Checkbox
                    name="contactIds"
                    value={contact.id}
                    label={contact.name}
                    checked={chosen.has(contact.id)}
                  />
                ))}
                {errors?.contactIds ? <p class="field-error">{errors.contactIds}</p> : null}
              </fieldset>
            ) : null}
            <TextArea
              name="outcome"
              label={t('partners.log.outcome')}
              optionalLabel={t('common.optional')}
              value={values.outcome}
              error={errors?.outcome}
              rows={2}
            />
            <Field
              name="followUpAt"
              type="date"
              label={t('partners.log.followUp')}
              optionalLabel={t('common.optional')}
              hint={t('partners.log.followUpHint')}
              value={values.followUpAt}
              error={errors?.followUpAt}
            />
            <button type="submit" class="primary">
              {t('partners.log.submit')}
            </button>
          </PostForm>
        </>
      )}
    </section>
  );
}
