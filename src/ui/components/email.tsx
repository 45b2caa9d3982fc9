import type { ComponentChildren, VNode } from 'preact';
import type { Locale, Translator } from '../i18n/translator.js';
import { renderDocument } from '../render.js';

/**
 * The HTML part of an email. Mail clients drop style sheets and scripts and many ignore classes, so emails use
 * plain markup (paragraphs, headings, lists, tables, links) with the few inline styles below; no images, no
 * external resources. Every text and attribute goes through preact, which escapes it.
 */

const BODY =
  'font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem;margin:0 auto;padding:1rem;color:#1a1a1a';
const HEADING = 'font-size:1.1em;margin:1.2em 0 .4em';
const LIST = 'padding-left:1.2em';
const FOOTER = 'color:#555;font-size:.9em;margin-top:2em';

export function EmailDocument(props: {
  lang: Locale;
  title: string;
  footer?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
      </head>
      <body style={BODY}>
        {props.children}
        {props.footer ? <p style={FOOTER}>{props.footer}</p> : null}
      </body>
    </html>
  );
}

export function EmailHeading({ children }: { children: ComponentChildren }) {
  return <h2 style={HEADING}>{children}</h2>;
}

export function EmailList({ children }: { children: ComponentChildren }) {
  return <ul style={LIST}>{children}</ul>;
}

export function EmailListItem({ children }: { children: ComponentChildren }) {
  return <li style="margin-bottom:.5em">{children}</li>;
}

/** Label and value rows (a week's numbers): a table with a caption, the values right-aligned. */
export function EmailFigures(props: { caption: string; rows: { label: string; value: string }[] }) {
  return (
    <table style="border-collapse:collapse">
      <caption style="text-align:left;font-weight:bold;padding-bottom:.3em">{props.caption}</caption>
      <tbody>
        {props.rows.map((row) => (
          <tr>
            <th scope="row" style="text-align:left;padding:.2em 1em .2em 0;font-weight:normal">
              {row.label}
            </th>
            <td style="text-align:right">
              <strong>{row.value}</strong>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An email's HTML part: the doctype and the document. */
export function renderEmailHtml(document: VNode): string {
  return renderDocument(document);
}

/** An email's three parts, before it is addressed. */
export interface EmailParts {
  subject: string;
  text: string;
  html: string;
}

/** A paragraph of a short email: words, or a link (in the text part "label: url" on a line of its own). */
export type EmailParagraph = string | { label: string; url: string };

/** The text part: lines joined, with a blank line between blocks given as ''. */
export function emailText(lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** "label: url" in the reader's language (French puts a space before the colon). */
export function labelled(i18n: Translator, label: string, value: string): string {
  return i18n.t('email.labelled', { label, value });
}

/**
 * A short email to one person (a password link, an account notice): a greeting and paragraphs, the same words in
 * the text part and the HTML part.
 */
export function shortEmail(i18n: Translator, subject: string, name: string, paragraphs: EmailParagraph[]): EmailParts {
  const greeting = i18n.t('email.greeting', { name });
  const text = emailText(
    [greeting, ...paragraphs.map((p) => (typeof p === 'string' ? p : labelled(i18n, p.label, p.url)))].flatMap(
      (block, index) => (index === 0 ? [block] : ['', block]),
    ),
  );
  const html = renderEmailHtml(
    <EmailDocument lang={i18n.locale} title={subject}>
      <p>{greeting}</p>
      {paragraphs.map((p) =>
        typeof p === 'string' ? (
          <p>{p}</p>
        ) : (
          <p>
            <a href={p.url}>{p.label}</a>
          </p>
        ),
      )}
    </EmailDocument>,
  );
  return { subject, text, html };
}
