import { describe, expect, it } from '@jest/globals';
import { translator } from '../i18n/translator.js';
import { renderDocument, renderFragment } from '../render.js';
import type { View } from '../view.js';
import { EmptyState } from './empty-state.js';
import { ErrorPage } from './error-page.js';
import { FlashMessage, Notice } from './flash.js';
import {
  ActionButton,
  Checkbox,
  ChoiceGroup,
  ErrorSummary,
  Field,
  fieldId,
  PostForm,
  Select,
  TextArea,
} from './form.js';
import { Layout } from './layout.js';
import { pageHref, Pager } from './pager.js';
import { Table } from './table.js';

/** Text a partner, a user or a centre could be named: markup, an attribute breaker, entities. */
const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)> "quoted" 'single' & amp;`;

/** The hostile text, escaped as it must appear in HTML (text or attribute). */
function assertEscaped(html: string): void {
  expect(html).not.toContain('<script>alert');
  expect(html).not.toContain('<img src=x');
  expect(html).not.toMatch(/"quoted" 'single'/);
  expect(html).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
}

function view(overrides: Partial<View> = {}): View {
  return {
    i18n: translator('en'),
    path: '/partners?sector=ngo',
    csrfToken: 'csrf-token-1',
    user: { id: 'u1', name: HOSTILE, role: 'admin', networkAdmin: true },
    centre: { id: 'c1', name: HOSTILE, timezone: 'Europe/Brussels' },
    ...overrides,
  };
}

describe('Components escape whatever text they are given', () => {
  it('layout: the title, the user and the centre names', () => {
    const html = renderDocument(
      <Layout view={view()} title={HOSTILE}>
        <p>{HOSTILE}</p>
      </Layout>,
    );
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    assertEscaped(html);
    // Our own script tags only: htmx and keepwarm.js, from /assets.
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([
      '<script src="/assets/htmx.min.js" defer></script>'.replace('</script>', ''),
      '<script src="/assets/keepwarm.js" defer></script>'.replace('</script>', ''),
    ]);
    expect(html).toContain('hx-headers="{&quot;X-CSRF-Token&quot;:&quot;csrf-token-1&quot;}"');
  });

  it('fields: label, value, hint and error', () => {
    const html = renderFragment(
      <div>
        <Field name="name" label={HOSTILE} value={HOSTILE} hint={HOSTILE} error={HOSTILE} />
        <TextArea name="notes" label={HOSTILE} value={HOSTILE} error={HOSTILE} />
        <Select name="sector" label={HOSTILE} value={HOSTILE} options={[{ value: HOSTILE, label: HOSTILE }]} />
        <Checkbox name="dnc" label={HOSTILE} error={HOSTILE} />
        <ChoiceGroup
          type="radio"
          name="digest"
          legend={HOSTILE}
          hint={HOSTILE}
          options={[{ value: HOSTILE, label: HOSTILE }]}
          checked={HOSTILE}
          error={HOSTILE}
        />
      </div>,
    );
    assertEscaped(html);
  });

  it('forms, buttons, summaries, tables, empty states, flash messages and error pages', () => {
    const v = view();
    const html = renderFragment(
      <div>
        <PostForm view={v} action="/x">
          <input type="hidden" name="q" value={HOSTILE} />
        </PostForm>
        <ActionButton view={v} action="/x" label={HOSTILE} fields={{ back: HOSTILE }} ariaLabel={HOSTILE} />
        <ErrorSummary view={v} errors={{ [HOSTILE]: HOSTILE }} />
        <Table view={v} caption={HOSTILE} columns={[{ label: HOSTILE, cell: (row: string) => row }]} rows={[HOSTILE]} />
        <EmptyState title={HOSTILE}>{HOSTILE}</EmptyState>
        <Notice>{HOSTILE}</Notice>
      </div>,
    );
    assertEscaped(html);
    assertEscaped(renderDocument(<ErrorPage view={v} title={HOSTILE} body={HOSTILE} />));
  });

  it('the pager: a hostile query string stays inside its href', () => {
    const html = renderFragment(
      <Pager view={view({ path: `/partners?q=${HOSTILE}` })} page={2} pageSize={20} total={100} />,
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="/partners?q=%3Cscript%3E');
  });
});

describe('Fields and their errors', () => {
  it('ties an error and a hint to the field with aria-describedby, and marks it invalid', () => {
    const html = renderFragment(
      <Field name="followUp.dueDate" label="Follow up on" type="date" hint="Optional" error="Must be a date" />,
    );
    const id = fieldId('followUp.dueDate');
    expect(id).toBe('f-followUp-dueDate');
    expect(html).toContain(`<label for="${id}">Follow up on</label>`);
    expect(html).toContain(`id="${id}"`);
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain(`aria-describedby="${id}-hint ${id}-error"`);
    expect(html).toContain(`<p class="field-error" id="${id}-error">Must be a date</p>`);
  });

  it('leaves a valid field plain', () => {
    const html = renderFragment(<Field name="summary" label="Summary" value="Called" />);
    expect(html).not.toContain('aria-invalid');
    expect(html).not.toContain('aria-describedby');
    expect(html).not.toContain('field-error');
  });

  it('links each error of the summary to its field', () => {
    const html = renderFragment(<ErrorSummary view={view()} errors={{ summary: 'Summary is required' }} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('<a href="#f-summary">Summary is required</a>');
    expect(renderFragment(<ErrorSummary view={view()} errors={{}} />)).toBe('');
  });

  it('puts the CSRF token in every form that posts, and none for an anonymous page', () => {
    expect(renderFragment(<PostForm view={view()} action="/x" />)).toContain(
      '<input type="hidden" name="_csrf" value="csrf-token-1"/>',
    );
    expect(renderFragment(<PostForm view={view({ csrfToken: undefined })} action="/x" />)).not.toContain('_csrf');
  });
});

describe('The pager', () => {
  it('keeps the filters and changes only the page', () => {
    expect(pageHref('/partners?sector=ngo&page=3', 4)).toBe('/partners?sector=ngo&page=4');
    expect(pageHref('/partners?sector=ngo&page=3', 1)).toBe('/partners?sector=ngo');
    expect(pageHref('/partners', 2)).toBe('/partners?page=2');
  });

  it('says where we are and links to the pages around', () => {
    const html = renderFragment(<Pager view={view()} page={2} pageSize={20} total={45} />);
    expect(html).toContain('21–40 of 45 · Page 2 of 3');
    expect(html).toContain('<a href="/partners?sector=ngo" rel="prev">Previous</a>');
    expect(html).toContain('<a href="/partners?sector=ngo&amp;page=3" rel="next">Next</a>');
  });

  it('disables the links at the ends, and says nothing for an empty list', () => {
    const last = renderFragment(<Pager view={view()} page={3} pageSize={20} total={45} />);
    expect(last).toContain('41–45 of 45');
    expect(last).toContain('<span aria-disabled="true">Next</span>');
    const single = renderFragment(<Pager view={view()} page={1} pageSize={20} total={5} />);
    expect(single).toContain('1–5 of 5');
    expect(single).not.toContain('rel="next"');
    expect(renderFragment(<Pager view={view()} page={1} pageSize={20} total={0} />)).toBe('');
  });

  it('speaks the reader’s language', () => {
    const html = renderFragment(<Pager view={view({ i18n: translator('fr') })} page={1} pageSize={20} total={45} />);
    expect(html).toContain('1–20 sur 45 · Page 1 sur 3');
    expect(html).toContain('Suivante');
  });
});

describe('The flash message', () => {
  it('is a status for success and an alert for a problem', () => {
    expect(
      renderFragment(<FlashMessage view={view()} flash={{ kind: 'success', key: 'common.flash.saved' }} />),
    ).toContain('role="status"');
    expect(
      renderFragment(<FlashMessage view={view()} flash={{ kind: 'error', key: 'common.flash.saved' }} />),
    ).toContain('role="alert"');
  });
});
