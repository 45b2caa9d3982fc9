import type { ComponentChildren } from 'preact';

/**
 * A translated message whose placeholders are elements, e.g. "{name}: due {date}" with a link around the name.
 * Pass the message as `i18n.t(key)` (without vars: the placeholders stay in it), so that the words are exactly
 * those `i18n.t(key, vars)` gives a text part. A placeholder without a part is left as written.
 */
export function Rich({ text, parts }: { text: string; parts: Record<string, ComponentChildren> }) {
  return <>{fillParts(text, parts)}</>;
}

export function fillParts(text: string, parts: Record<string, ComponentChildren>): ComponentChildren[] {
  return text
    .split(/(\{\w+\})/)
    .filter((piece) => piece !== '')
    .map((piece) => {
      const name = /^\{(\w+)\}$/.exec(piece)?.[1];
      return name !== undefined && name in parts ? parts[name] : piece;
    });
}
