import { Field, fieldId, Select } from '../../ui/components/form.js';
import type { View } from '../../ui/view.js';
import type { PartnerPicker } from './my-week.data.js';

/** The element the search replaces (with htmx) and the one that says how many partners match. */
export const PICKER_BOX = 'partner-select-box';
export const PICKER_STATUS = 'partner-picker-status';
/** The endpoint the search asks as one types. */
export const PICKER_PATH = '/partner-options';

/**
 * The search of the partner picker: its own GET form (it reloads the page with the list narrowed without
 * JavaScript); with htmx, typing asks PICKER_PATH for the matching partners and replaces the list in place.
 */
export function PartnerSearch({ view, query }: { view: View; query: string }) {
  const { t } = view.i18n;
  return (
    <form method="get" action="/#log-heading" class="partner-search" role="search">
      <div class="form-row">
        <Field
          name="q"
          type="search"
          label={t('home.log.search')}
          hint={t('home.log.searchHint')}
          value={query}
          attrs={{
            autocomplete: 'off',
            'aria-controls': fieldId('partnerIds'),
            'hx-get': PICKER_PATH,
            'hx-trigger': 'input changed delay:250ms, search',
            'hx-target': `#${PICKER_BOX}`,
            'hx-swap': 'outerHTML',
            'hx-include': `#${fieldId('partnerIds')}`,
          }}
        />
        <div class="field">
          <button type="submit" class="secondary">
            {t('home.log.searchButton')}
          </button>
        </div>
      </div>
    </form>
  );
}

/** The partner list of the log form (name "partnerIds", as the API's DTO names it). */
export function PartnerSelect({ view, picker, error }: { view: View; picker: PartnerPicker; error?: string }) {
  const { t } = view.i18n;
  return (
    <div id={PICKER_BOX}>
      <Select
        name="partnerIds"
        label={t('home.log.partner')}
        blank={t('home.log.choose')}
        options={picker.options.map((option) => ({ value: option.id, label: option.name }))}
        value={picker.selected}
        error={error}
        required
      />
    </div>
  );
}

/** What the picker found, in words: read out by screen readers after each search (a live region). */
export function pickerStatus(view: View, picker: PartnerPicker): string {
  const { t, plural } = view.i18n;
  if (picker.total === 0)
    return picker.query ? t('home.log.noMatch', { query: picker.query }) : t('home.log.noPartners');
  if (picker.total > picker.options.length)
    return t('home.log.firstOf', { shown: picker.options.length, count: picker.total });
  return picker.query ? plural('home.log.matches', picker.total) : '';
}

/** The live region under the list; the search's answer fills it again out of band. */
export function PickerStatus({ view, picker, oob }: { view: View; picker: PartnerPicker; oob?: boolean }) {
  const text = pickerStatus(view, picker);
  return oob ? (
    <p id={PICKER_STATUS} hx-swap-oob="innerHTML">
      {text}
    </p>
  ) : (
    <p id={PICKER_STATUS} class="hint" role="status">
      {text}
    </p>
  );
}
