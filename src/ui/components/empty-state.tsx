import type { ComponentChildren } from 'preact';

/** What a list shows when it has nothing yet, with the way to add the first item. */
export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <p class="empty-title">{title}</p>
      {children}
    </div>
  );
}
