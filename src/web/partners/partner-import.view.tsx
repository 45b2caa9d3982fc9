import type { ImportCellProblem, ImportReport, OnMatch } from '../../imports/dto/partner-import.dto.js';
import { ON_MATCH } from '../../imports/dto/partner-import.dto.js';
import { ChoiceGroup, ErrorSummary, Field, PostForm } from '../../ui/components/form.js';
import { Layout } from '../../ui/components/layout.js';
import { Table } from '../../ui/components/table.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import type { FieldErrors, View } from '../../ui/view.js';

const ON_MATCH_LABELS: Record<OnMatch, MessageKey> = {
  skip: 'partners.import.onMatch.skip',
  update: 'partners.import.onMatch.update',
  create: 'partners.import.onMatch.create',
};

/** What the last submission of the form found: the dry run's counts, or the file's problems. */
export interface ImportOutcome {
  report?: ImportReport;
  /** Every problem of a refused file, by row and column. */
  problems?: ImportCellProblem[];
  /** The service's summary of a refused file. */
  refusal?: string;
}

/** /partners/import: the upload form, then what checking the file found. */
export function PartnerImportPage(props: {
  view: View;
  onMatch: OnMatch;
  errors?: FieldErrors;
  outcome?: ImportOutcome;
}) {
  const { view, outcome } = props;
  const { t } = view.i18n;
  return (
    <Layout view={view} title={t('partners.import.title')}>
      <ErrorSummary view={view} errors={props.errors} />
      {outcome?.report ? <Counts view={view} report={outcome.report} /> : null}
      {outcome?.problems ? <Problems view={view} problems={outcome.problems} refusal={outcome.refusal} /> : null}
      {outcome?.report?.warnings.length ? (
        <Table
          view={view}
          caption={t('partners.import.warnings')}
          columns={[{ label: t('partners.import.column'), cell: (w: ImportCellProblem) => w.column ?? '' }]}
          rows={outcome.report.warnings}
        />
      ) : null}
      <p>{t('partners.import.intro')}</p>
      <PostForm view={view} action="/partners/import" class="import-form" attrs={{ enctype: 'multipart/form-data' }}>
        <Field
          name="file"
          type="file"
          label={t('partners.import.file')}
          hint={t('partners.import.fileHint')}
          error={props.errors?.file}
          required
          attrs={{ accept: '.csv,text/csv' }}
        />
        <ChoiceGroup
          name="onMatch"
          type="radio"
          legend={t('partners.import.onMatch')}
          checked={props.onMatch}
          error={props.errors?.onMatch}
          options={ON_MATCH.map((value) => ({ value, label: t(ON_MATCH_LABELS[value]) }))}
        />
        <div class="form-actions">
          <button type="submit" name="step" value="check" class="secondary">
            {t('partners.import.check')}
          </button>
          <button type="submit" name="step" value="import" class="primary">
            {t('partners.import.commit')}
          </button>
        </div>
      </PostForm>
    </Layout>
  );
}

function Counts({ view, report }: { view: View; report: ImportReport }) {
  const { t } = view.i18n;
  const figures = [
    [t('partners.import.rows'), report.rows],
    [t('partners.import.created'), report.created],
    [t('partners.import.updated'), report.updated],
    [t('partners.import.skipped'), report.skipped],
  ] as const;
  return (
    <section class="import-report" aria-labelledby="import-report-title">
      <h2 id="import-report-title">{t('partners.import.checked')}</h2>
      <dl class="import-counts">
        {figures.map(([label, value]) => (
          <div>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p>{t('partners.import.checkedNext')}</p>
    </section>
  );
}

function Problems(props: { view: View; problems: ImportCellProblem[]; refusal?: string }) {
  const { t } = props.view.i18n;
  return (
    <section class="import-problems" role="alert">
      <h2>{t('partners.import.refused', { count: props.problems.length })}</h2>
      <Table
        view={props.view}
        caption={t('partners.import.problems')}
        columns={[
          { label: t('partners.import.row'), cell: (p: ImportCellProblem) => String(p.row), numeric: true },
          { label: t('partners.import.column'), cell: (p: ImportCellProblem) => p.column ?? '' },
          { label: t('partners.import.problem'), cell: (p: ImportCellProblem) => p.message },
        ]}
        rows={props.problems}
      />
    </section>
  );
}
