import type { View } from '../view.js';
import { Layout } from './layout.js';

/** A page for a request that failed: what happened, in the reader's language, and the way back. */
export function ErrorPage(props: { view: View; title: string; body?: string }) {
  return (
    <Layout view={props.view} title={props.title}>
      {props.body ? <p>{props.body}</p> : null}
      <p>
        <a href={props.view.user ? '/' : '/login'}>
          {props.view.user ? props.view.i18n.t('common.errors.backHome') : props.view.i18n.t('common.login.title')}
        </a>
      </p>
    </Layout>
  );
}
