import type { ComponentChildren } from 'preact';
import type { FieldErrors, View } from '../view.js';
import { CsrfField } from './layout.js';

/** The id of a field's input, and of its error message (`aria-describedby`). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

interface BaseFieldProps {
  name: string;
  label: string;
  /** The field's error, if the last submission had one: shown under the field and tied to it. */
  error?: string;
  /** A short help text under the label. */
  hint?: string;
  required?: boolean;
  /** Marks the label "(optional)" on forms whose fields are mostly required. */
  optionalLabel?: string;
  class?: string;
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFrame(props: BaseFieldProps & { id: string; children: ComponentChildren }) {
  const { id, label, error, hint, optionalLabel, children } = props;
  return (
    <div class={`field${error ? ' field-invalid' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <label for={id}>
        {label}
        {optionalLabel ? <span class="optional"> {optionalLabel}</span> : null}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export type InputProps = BaseFieldProps & {
  type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'search' | 'url' | 'tel' | 'file';
  value?: string | number | null;
  /** Other attributes of the input: autocomplete, min, max, htmx attributes, list… */
  attrs?: Record<string, unknown>;
};

/** A labelled input with its hint and error. */
export function Field(props: InputProps) {
  const id = fieldId(props.name);
  return (
    <FieldFrame {...props} id={id}>
      <input
        id={id}
        name={props.name}
        type={(props.type ?? 'text') as 'text'}
        value={props.value ?? ''}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
        {...props.attrs}
      />
    </FieldFrame>
  );
}

export type TextAreaProps = BaseFieldProps & {
  value?: string | null;
  rows?: number;
  maxLength?: number;
};

export function TextArea(props: TextAreaProps) {
  const id = fieldId(props.name);
  return (
    <FieldFrame {...props} id={id}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export type SelectProps = BaseFieldProps & {
  options: Option[];
  value?: string | string[] | null;
  /** A first, empty choice ("Any", "None"). */
  blank?: string;
  multiple?: boolean;
  attrs?: Record<string, unknown>;
};

export function Select(props: SelectProps) {
  const id = fieldId(props.name);
  const chosen = new Set(Array.isArray(props.value) ? props.value : props.value ? [props.value] : []);
  return (
    <FieldFrame {...props} id={id}>
      <select
        id={id}
        name={props.name}
        required={props.required}
        multiple={props.multiple}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
        {...props.attrs}
      >
        {props.blank !== undefined ? <option value="">{props.blank}</option> : null}
        {props.options.map((option) => (
          <option value={option.value} selected={chosen.has(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A checkbox with its label after it. Unchecked boxes send nothing: read them as `body[name] === 'on'`. */
export function Checkbox(props: BaseFieldProps & { checked?: boolean; value?: string }) {
  const id = fieldId(props.value ? `${props.name}-${props.value}` : props.name);
  return (
    <div class={`field field-check${props.error ? ' field-invalid' : ''}`}>
      <input
        id={id}
        name={props.name}
        type="checkbox"
        value={props.value ?? 'on'}
        checked={props.checked}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
      />
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Radio buttons (one choice) or checkboxes (a list) sharing one name, with one legend, hint and error; the fieldset
 * carries the field's id, so the error summary's link lands on the group.
 */
export function ChoiceGroup(props: {
  name: string;
  legend: string;
  type: 'radio' | 'checkbox';
  options: Option[];
  /** The chosen value(s). */
  checked: string | string[];
  hint?: string;
  error?: string;
}) {
  const id = fieldId(props.name);
  const chosen = new Set(Array.isArray(props.checked) ? props.checked : [props.checked]);
  return (
    <fieldset
      id={id}
      tabindex={-1}
      class={`choice-group choice-group-${props.type}${props.error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy(id, props.error, props.hint)}
    >
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <ul>
        {props.options.map((option) => {
          const optionId = fieldId(`${props.name}-${option.value}`);
          return (
            <li class="field-check">
              <input
                id={optionId}
                type={props.type}
                name={props.name}
                value={option.value}
                checked={chosen.has(option.value)}
              />
              <label for={optionId}>{option.label}</label>
            </li>
          );
        })}
      </ul>
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The list of a submission's errors at the top of its form, each linking to its field. */
export function ErrorSummary({ view, errors }: { view: View; errors: FieldErrors | undefined }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <p>{view.i18n.t('common.errors.summary')}</p>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${fieldId(field)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface PostFormProps {
  view: View;
  action: string;
  children?: ComponentChildren;
  class?: string;
  id?: string;
  /** htmx and other attributes: the form still posts normally without JavaScript. */
  attrs?: Record<string, unknown>;
}

/** A form that posts to a page route, with the CSRF token. */
export function PostForm({ view, action, children, attrs, ...rest }: PostFormProps) {
  return (
    <form method="post" action={action} class={rest.class} id={rest.id} {...attrs}>
      <CsrfField view={view} />
      {children}
    </form>
  );
}

/** A one-button form (done, archive, retry…): posts without JavaScript, in place with htmx when `target` is set. */
export function ActionButton(props: {
  view: View;
  action: string;
  label: string;
  /** Hidden fields sent with the button. */
  fields?: Record<string, string>;
  /** With htmx: the element (CSS selector) the answer replaces. */
  target?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  /** An accessible name longer than the visible label ("Done: call Acme"). */
  ariaLabel?: string;
}) {
  const htmx = props.target ? { 'hx-post': props.action, 'hx-target': props.target, 'hx-swap': 'outerHTML' } : {};
  return (
    <PostForm view={props.view} action={props.action} class="inline-form" attrs={htmx}>
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={props.variant ?? 'secondary'} aria-label={props.ariaLabel}>
        {props.label}
      </button>
    </PostForm>
  );
}
