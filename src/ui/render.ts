import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A whole page: the doctype and the document preact renders (text and attributes escaped). */
export function renderDocument(document: VNode): string {
  return `<!doctype html>${renderToString(document)}`;
}

/** Part of a page, for an htmx swap or an email's HTML body part. */
export function renderFragment(fragment: VNode): string {
  return renderToString(fragment);
}
