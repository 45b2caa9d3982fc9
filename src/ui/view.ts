import type { MessageKey } from './i18n/catalogue.js';
import type { Translator } from './i18n/translator.js';

/** Who is looking at a page; the navigation shows what their role may open. */
export interface ViewUser {
  id: string;
  name: string;
  role: 'admin' | 'manager' | 'coordinator';
  networkAdmin: boolean;
}

/** A message shown once at the top of the next page (after a form's redirect). */
export interface Flash {
  kind: 'success' | 'error';
  key: MessageKey;
}

/** Everything the layout and the components need to know about the request, built once per page. */
export interface View {
  i18n: Translator;
  /** The page's path (with its query), to mark the current navigation link and to come back after signing in. */
  path: string;
  /** Signed-in pages: the session's CSRF token, sent back with every form and every htmx request. */
  csrfToken?: string;
  user?: ViewUser;
  centre?: { id: string; name: string; timezone: string };
  flash?: Flash;
}

/** A form's field errors by field name (as the DTO names them: "followUp.dueDate"). */
export type FieldErrors = Record<string, string>;
