import type { View } from '../view.js';

/** The URL of the page `page` of the list at `path` (its query string kept, `page` replaced). */
export function pageHref(path: string, page: number): string {
  const [base, query = ''] = path.split('?') as [string, string?];
  const params = new URLSearchParams(query);
  if (page <= 1) params.delete('page');
  else params.set('page', String(page));
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

/** Previous / next links and where we are ("21–40 of 312"); nothing when everything fits on one page. */
export function Pager(props: { view: View; page: number; pageSize: number; total: number; path?: string }) {
  const { view, page, pageSize, total } = props;
  const { t } = view.i18n;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total === 0) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const path = props.path ?? view.path;
  return (
    <nav class="pager" aria-label={t('common.pager.label')}>
      <p class="pager-status">
        {t('common.pager.showing', { from, to, total })}
        {pages > 1 ? ` · ${t('common.pager.status', { page, pages })}` : ''}
      </p>
      {pages > 1 ? (
        <ul>
          <li>
            {page > 1 ? (
              <a href={pageHref(path, page - 1)} rel="prev">
                {t('common.pager.previous')}
              </a>
            ) : (
              <span aria-disabled="true">{t('common.pager.previous')}</span>
            )}
          </li>
          <li>
            {page < pages ? (
              <a href={pageHref(path, page + 1)} rel="next">
                {t('common.pager.next')}
              </a>
            ) : (
              <span aria-disabled="true">{t('common.pager.next')}</span>
            )}
          </li>
        </ul>
      ) : null}
    </nav>
  );
}
