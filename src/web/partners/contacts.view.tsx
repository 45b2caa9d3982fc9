import { LAWFUL_BASES } from '../../common/domain-values.js';
import type { ContactResponse } from '../../contacts/dto/contact.dto.js';
import type { PartnerResponse } from '../../partners/dto/partner.dto.js';
import { ActionButton, Checkbox, ErrorSummary, Field, PostForm, Select } from '../../ui/components/form.js';
import { Layout } from '../../ui/components/layout.js';
import type { FieldErrors, View } from '../../ui/view.js';
import { LAWFUL_BASIS_LABELS, labelOf, optionsOf } from './partner-labels.js';

/** A contact form as posted (text), with its errors. */
export interface FormState {
  values: Record<string, string>;
  errors?: FieldErrors;
}

/** The form's text for each field of a contact; checkboxes are "on" when set. */
export function contactValues(contact: ContactResponse): Record<string, string> {
  return {
    name: contact.name,
    jobTitle: contact.jobTitle ?? '',
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    lawfulBasis: contact.lawfulBasis,
    consentDate: contact.consentDate ?? '',
    primary: contact.primary ? 'on' : '',
    doNotContact: contact.doNotContact ? 'on' : '',
  };
}

export interface ContactsProps {
  view: View;
  partner: PartnerResponse;
  contacts: ContactResponse[];
  /** The add-a-contact form after a refused submission: open, with its values and errors. */
  adding?: FormState;
}

/** The partner's people with their actions, and the form to add one. htmx actions replace this whole section. */
export function ContactsSection({ view, partner, contacts, adding }: ContactsProps) {
  const { t } = view.i18n;
  return (
    <section class="card" id="contacts" aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">{t('partners.contacts.title')}</h2>
      {contacts.length === 0 ? (
        <p class="muted">{t('partners.contacts.empty')}</p>
      ) : (
        <ul class="contact-list">
          {contacts.map((contact) => (
            <ContactEntry view={view} partner={partner} contact={contact} />
          ))}
        </ul>
      )}
      <details class="add-contact" open={Boolean(adding)}>
        <summary>{t('partners.contacts.add')}</summary>
        <ErrorSummary view={view} errors={adding?.errors} />
        <PostForm view={view} action={`/partners/${partner.id}/contacts`}>
          <ContactFields
            view={view}
            values={adding?.values ?? { lawfulBasis: 'legitimate_interest' }}
            errors={adding?.errors}
          />
          <button type="submit" class="primary">
            {t('partners.contacts.addSubmit')}
          </button>
        </PostForm>
      </details>
    </section>
  );
}

function ContactEntry({ view, partner, contact }: { view: View; partner: PartnerResponse; contact: ContactResponse }) {
  const { t } = view.i18n;
  const base = `/partners/${partner.id}/contacts/${contact.id}`;
  const vars = { name: contact.name };
  const role = view.user?.role;
  return (
    <li class="contact" id={`contact-${contact.id}`}>
      <p class="contact-name">
        <strong>{contact.name}</strong>
        {contact.jobTitle ? <span class="muted"> · {contact.jobTitle}</span> : null}{' '}
        {contact.primary ? <span class="tag">{t('partners.contacts.primary')}</span> : null}{' '}
        {contact.doNotContact ? <span class="tag tag-stop">{t('partners.contacts.doNotContact')}</span> : null}
      </p>
      {contact.email || contact.phone ? (
        <p class="contact-ways">
          {contact.email ? (
            contact.doNotContact ? (
              <span>{contact.email}</span>
            ) : (
              <a href={`mailto:${contact.email}`}>{contact.email}</a>
            )
          ) : null}
          {contact.email && contact.phone ? ' · ' : null}
          {contact.phone ? <span>{contact.phone}</span> : null}
        </p>
      ) : null}
      <p class="muted">
        {t('partners.contacts.basis', { basis: labelOf(t, LAWFUL_BASIS_LABELS, contact.lawfulBasis) })}
        {contact.consentDate
          ? ` · ${t('partners.contacts.consentOn', { date: view.i18n.date(contact.consentDate) })}`
          : ''}
      </p>
      <div class="actions">
        <a class="button secondary" href={`${base}/edit`} aria-label={t('partners.contacts.editLabel', vars)}>
          {t('common.edit')}
        </a>
        {contact.primary ? null : (
          <ActionButton
            view={view}
            action={`${base}/primary`}
            label={t('partners.contacts.makePrimary')}
            ariaLabel={t('partners.contacts.makePrimaryLabel', vars)}
            target="#contacts"
          />
        )}
        <ActionButton
          view={view}
          action={`${base}/do-not-contact`}
          fields={{ doNotContact: contact.doNotContact ? 'false' : 'true' }}
          label={contact.doNotContact ? t('partners.contacts.allow') : t('partners.contacts.markDoNotContact')}
          ariaLabel={
            contact.doNotContact
              ? t('partners.contacts.allowLabel', vars)
              : t('partners.contacts.markDoNotContactLabel', vars)
          }
          target="#contacts"
          variant={contact.doNotContact ? 'secondary' : 'danger'}
        />
        {role === 'admin' || role === 'manager' ? (
          <a
            class="button secondary"
            href={`/api/v1/contacts/${contact.id}/export`}
            download={`contact-${contact.id}.json`}
            aria-label={t('partners.contacts.exportLabel', vars)}
          >
            {t('partners.contacts.export')}
          </a>
        ) : null}
        {role === 'admin' ? (
          <PostForm view={view} action={`${base}/erase`} class="inline-form">
            <button
              type="submit"
              class="danger"
              aria-label={t('partners.contacts.eraseLabel', vars)}
              data-confirm={t('partners.contacts.eraseConfirm', vars)}
            >
              {t('partners.contacts.erase')}
            </button>
          </PostForm>
        ) : null}
      </div>
    </li>
  );
}

/** The fields of a contact, for adding one and for editing one. */
export function ContactFields({ view, values, errors }: { view: View } & FormState) {
  const { t } = view.i18n;
  const optional = t('common.optional');
  return (
    <>
      <div class="form-row">
        <Field name="name" label={t('partners.contacts.name')} value={values.name} error={errors?.name} required />
        <Field
          name="jobTitle"
          label={t('partners.contacts.jobTitle')}
          optionalLabel={optional}
          value={values.jobTitle}
          error={errors?.jobTitle}
        />
      </div>
      <div class="form-row">
        <Field
          name="email"
          type="email"
          label={t('partners.contacts.email')}
          optionalLabel={optional}
          value={values.email}
          error={errors?.email}
          attrs={{ autocomplete: 'off' }}
        />
        <Field
          name="phone"
          type="tel"
          label={t('partners.contacts.phone')}
          optionalLabel={optional}
          value={values.phone}
          error={errors?.phone}
          attrs={{ autocomplete: 'off' }}
        />
      </div>
      <div class="form-row">
        <Select
          name="lawfulBasis"
          label={t('partners.contacts.lawfulBasis')}
          hint={t('partners.contacts.lawfulBasisHint')}
          options={optionsOf(t, LAWFUL_BASIS_LABELS, LAWFUL_BASES)}
          value={values.lawfulBasis || 'legitimate_interest'}
          error={errors?.lawfulBasis}
        />
        <Field
          name="consentDate"
          type="date"
          label={t('partners.contacts.consentDate')}
          hint={t('partners.contacts.consentDateHint')}
          value={values.consentDate}
          error={errors?.consentDate}
        />
      </div>
      <Checkbox
        name="primary"
        label={t('partners.contacts.primaryField')}
        checked={values.primary === 'on'}
        error={errors?.primary}
      />
      <Checkbox
        name="doNotContact"
        label={t('partners.contacts.doNotContactField')}
        checked={values.doNotContact === 'on'}
        error={errors?.doNotContact}
      />
    </>
  );
}

/** GET /partners/:id/contacts/:contactId/edit. */
export function ContactFormPage(props: { view: View; partner: PartnerResponse; contact: ContactResponse } & FormState) {
  const { view, partner, contact } = props;
  const { t } = view.i18n;
  return (
    <Layout view={view} title={t('partners.contacts.editTitle', { name: contact.name, partner: partner.name })}>
      <ErrorSummary view={view} errors={props.errors} />
      <PostForm view={view} action={`/partners/${partner.id}/contacts/${contact.id}`} class="card">
        <ContactFields view={view} values={props.values} errors={props.errors} />
        <div class="actions">
          <button type="submit" class="primary">
            {t('common.save')}
          </button>
          <a href={`/partners/${partner.id}#contacts`}>{t('common.cancel')}</a>
        </div>
      </PostForm>
    </Layout>
  );
}
