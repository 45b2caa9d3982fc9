import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../i18n/catalogue.js';
import type { View } from '../view.js';
import { FlashMessage } from './flash.js';

/** Where the app serves its own stylesheet and htmx (from node_modules: no CDN). */
export const ASSETS = { css: '/assets/keepwarm.css', htmx: '/assets/htmx.min.js', app: '/assets/keepwarm.js' } as const;

/** htmx settings: no eval, no inline styles (the CSP allows neither), errors swapped in like pages. */
const HTMX_CONFIG = JSON.stringify({
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  selfRequestsOnly: true,
  historyCacheSize: 0,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '[4]..', swap: true, error: false },
    { code: '[5]..', swap: false, error: true },
  ],
});

interface NavItem {
  href: string;
  key: MessageKey;
  show: (view: View) => boolean;
}

const signedIn = (view: View) => Boolean(view.user);
const NAV: NavItem[] = [
  { href: '/', key: 'common.nav.home', show: signedIn },
  { href: '/partners', key: 'common.nav.partners', show: signedIn },
  { href: '/engagements', key: 'common.nav.engagements', show: signedIn },
  { href: '/advisory-boards', key: 'common.nav.boards', show: signedIn },
  { href: '/sid', key: 'common.nav.sid', show: signedIn },
  { href: '/reminders', key: 'common.nav.reminders', show: signedIn },
  { href: '/dashboard', key: 'common.nav.dashboard', show: signedIn },
  { href: '/network', key: 'common.nav.network', show: (view) => Boolean(view.user?.networkAdmin) },
  { href: '/admin/users', key: 'common.nav.admin', show: (view) => view.user?.role === 'admin' },
  { href: '/account', key: 'common.nav.account', show: signedIn },
];

/** Whether a navigation link is the current page's section. */
export function isCurrent(href: string, path: string): boolean {
  const bare = path.split('?')[0]!;
  if (href === '/') return bare === '/';
  if (href === '/admin/users') return bare.startsWith('/admin/');
  return bare === href || bare.startsWith(`${href}/`);
}

export function Nav({ view }: { view: View }) {
  const { t } = view.i18n;
  return (
    <nav aria-label={t('common.nav.label')} class="site-nav">
      <ul>
        {NAV.filter((item) => item.show(view)).map((item) => (
          <li>
            <a href={item.href} aria-current={isCurrent(item.href, view.path) ? 'page' : undefined}>
              {t(item.key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A hidden field carrying the session's CSRF token: every form that posts has one. */
export function CsrfField({ view }: { view: View }) {
  return view.csrfToken ? <input type="hidden" name="_csrf" value={view.csrfToken} /> : null;
}

export interface LayoutProps {
  view: View;
  /** The page's heading and the first part of the document title. */
  title: string;
  /** Shown beside the heading: the page's main actions. */
  actions?: ComponentChildren;
  children?: ComponentChildren;
}

/** Every page: the document, the header with the navigation, the flash message, the heading and the content. */
export function Layout({ view, title, actions, children }: LayoutProps) {
  const { t } = view.i18n;
  const htmxHeaders = view.csrfToken ? JSON.stringify({ 'X-CSRF-Token': view.csrfToken }) : undefined;
  return (
    <html lang={view.i18n.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${title} · ${t('common.appName')}`}</title>
        {/* No favicon of our own: without this, browsers ask for /favicon.ico and log its 404 as a console error. */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={ASSETS.css} />
        <script src={ASSETS.htmx} defer></script>
        <script src={ASSETS.app} defer></script>
      </head>
      <body hx-headers={htmxHeaders}>
        <a class="skip-link" href="#main">
          {t('common.skipToContent')}
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            {t('common.appName')}
          </a>
          {view.centre ? <span class="centre-name">{view.centre.name}</span> : null}
          {view.user ? (
            <form method="post" action="/logout" class="sign-out">
              <CsrfField view={view} />
              <button type="submit" class="link-button">
                {t('common.signOut')}
              </button>
            </form>
          ) : null}
          {view.user ? <Nav view={view} /> : null}
        </header>
        <main id="main" tabindex={-1}>
          <div class="page-heading">
            <h1>{title}</h1>
            {actions ? <div class="page-actions">{actions}</div> : null}
          </div>
          {view.flash ? <FlashMessage view={view} flash={view.flash} /> : null}
          {children}
        </main>
      </body>
    </html>
  );
}
