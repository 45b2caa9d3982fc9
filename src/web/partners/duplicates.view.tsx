import type { DuplicatePair, DuplicatePartner } from '../../partners/dto/partner-duplicates.dto.js';
import type { PartnerMatchReason } from '../../partners/partner-identity.js';
import { EmptyState } from '../../ui/components/empty-state.js';
import { Checkbox, ChoiceGroup, ErrorSummary, PostForm } from '../../ui/components/form.js';
import { Layout } from '../../ui/components/layout.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import type { FieldErrors, View } from '../../ui/view.js';
import { labelOf, SECTOR_LABELS } from './partner-labels.js';

const REASON_LABELS = {
  name: 'duplicates.reason.name',
  domain: 'duplicates.reason.domain',
} as const satisfies Record<PartnerMatchReason, MessageKey>;

/**
 * The merge form's field names, one set per pair: several forms share the page, and each field's id (taken from
 * its name) must be unique on it.
 */
export function mergeFieldsOf(aId: string, bId: string): { survivor: string; confirm: string } {
  return { survivor: `survivor-${aId}-${bId}`, confirm: `confirm-${aId}-${bId}` };
}

export interface DuplicatesProps {
  view: View;
  pairs: DuplicatePair[];
  /** Admins and managers merge; coordinators see the list only. */
  mayMerge: boolean;
  /** What the last refused submission sent and what was wrong with it (by the pair's field names). */
  values?: Record<string, string>;
  errors?: FieldErrors;
}

/** GET /partners/duplicates: the pairs that look like one organisation, with a merge form for those who may merge. */
export function DuplicatesPage(props: DuplicatesProps) {
  const { view, pairs } = props;
  const { t } = view.i18n;
  return (
    <Layout
      view={view}
      title={t('duplicates.title')}
      actions={
        <a class="button" href="/partners">
          {t('duplicates.back')}
        </a>
      }
    >
      <ErrorSummary view={view} errors={props.errors} />
      <p>{t('duplicates.intro')}</p>
      {pairs.length === 0 ? (
        <EmptyState title={t('duplicates.empty')} />
      ) : (
        pairs.map((pair) => <PairCard {...props} pair={pair} />)
      )}
    </Layout>
  );
}

function PairCard({ view, pair, mayMerge, values, errors }: DuplicatesProps & { pair: DuplicatePair }) {
  const { t } = view.i18n;
  const headingId = `pair-${pair.a.id}-${pair.b.id}`;
  const fields = mergeFieldsOf(pair.a.id, pair.b.id);
  const sector = (p: DuplicatePartner) => labelOf(t, SECTOR_LABELS, p.sector);
  return (
    <section class="card duplicate-pair" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('duplicates.pairLabel', { a: pair.a.name, b: pair.b.name })}</h2>
      <p>
        <span class="tag">{t(REASON_LABELS[pair.reason])}</span>
      </p>
      <ul class="duplicate-records">
        {[pair.a, pair.b].map((p) => (
          <li>
            <a href={`/partners/${p.id}`}>{p.name}</a> · {sector(p)} · {p.website ?? t('duplicates.noWebsite')}
          </li>
        ))}
      </ul>
      {mayMerge ? (
        <PostForm view={view} action="/partners/duplicates/merge" class="merge-form">
          <input type="hidden" name="a" value={pair.a.id} />
          <input type="hidden" name="b" value={pair.b.id} />
          <ChoiceGroup
            name={fields.survivor}
            legend={t('duplicates.survivor')}
            hint={t('duplicates.survivorHint')}
            type="radio"
            options={[pair.a, pair.b].map((p) => ({
              value: p.id,
              label: t('duplicates.keep', { name: p.name, sector: sector(p) }),
            }))}
            checked={values?.[fields.survivor] ?? ''}
            error={errors?.[fields.survivor]}
          />
          <Checkbox
            name={fields.confirm}
            label={t('duplicates.confirm')}
            checked={values?.[fields.confirm] === 'on'}
            error={errors?.[fields.confirm]}
          />
          <button type="submit" class="danger">
            {t('duplicates.merge')}
          </button>
        </PostForm>
      ) : null}
    </section>
  );
}
