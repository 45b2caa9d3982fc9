import type { Flash, View } from '../view.js';

/** A one-off message after a form: a status for success, an alert for a problem. */
export function FlashMessage({ view, flash }: { view: View; flash: Flash }) {
  const text = view.i18n.t(flash.key);
  return flash.kind === 'success' ? (
    <p class="flash flash-success" role="status">
      {text}
    </p>
  ) : (
    <p class="flash flash-error" role="alert">
      {text}
    </p>
  );
}

/** A message in place of an element (an htmx swap): polite for screen readers. */
export function Notice({ kind = 'success', children }: { kind?: 'success' | 'error'; children: string }) {
  return (
    <p class={`flash flash-${kind}`} role={kind === 'success' ? 'status' : 'alert'}>
      {children}
    </p>
  );
}
