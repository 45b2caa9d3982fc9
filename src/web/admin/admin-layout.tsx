import type { ComponentChildren } from 'preact';
import { Layout } from '../../ui/components/layout.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import type { View } from '../../ui/view.js';

/**
 * bull-board's path (QUEUE_DASHBOARD_PATH in src/http/queue-dashboard.ts: the pages sit below the HTTP layer and
 * cannot import it; admin-layout.spec.ts checks the two agree).
 */
export const QUEUE_DASHBOARD_LINK = '/admin/queues';

const ADMIN_PAGES: { href: string; key: MessageKey }[] = [
  { href: '/admin/users', key: 'admin.nav.users' },
  { href: '/admin/settings', key: 'admin.nav.settings' },
  { href: '/admin/mail', key: 'admin.nav.mail' },
  { href: '/admin/audit', key: 'admin.nav.audit' },
];

/** The admin pages' own navigation: the four pages, the current one marked, and the queue dashboard. */
export function AdminNav({ view }: { view: View }) {
  const { t } = view.i18n;
  const bare = view.path.split('?')[0];
  return (
    <nav class="admin-nav" aria-label={t('admin.nav.label')}>
      <ul>
        {ADMIN_PAGES.map((page) => (
          <li>
            <a href={page.href} aria-current={bare === page.href ? 'page' : undefined}>
              {t(page.key)}
            </a>
          </li>
        ))}
        <li>
          <a href={QUEUE_DASHBOARD_LINK}>{t('admin.nav.queues')}</a>
          {view.user?.networkAdmin ? null : <span class="muted"> {t('admin.nav.queuesNote')}</span>}
        </li>
      </ul>
    </nav>
  );
}

/** Every admin page: the layout with the admin navigation above the content. */
export function AdminLayout(props: {
  view: View;
  title: string;
  actions?: ComponentChildren;
  children?: ComponentChildren;
}) {
  return (
    <Layout view={props.view} title={props.title} actions={props.actions}>
      <AdminNav view={props.view} />
      {props.children}
    </Layout>
  );
}
