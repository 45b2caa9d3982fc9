import type { ComponentChildren } from 'preact';
import type { View } from '../view.js';

export interface Column<Row> {
  /** The column's heading. */
  label: string;
  cell: (row: Row) => ComponentChildren;
  /** Numbers align right. */
  numeric?: boolean;
}

/**
 * A data table with a caption. On a phone each row becomes a card (every cell labelled with its heading, by CSS from
 * `data-label`); a table too wide for its box scrolls inside it, never the page.
 */
export function Table<Row>(props: {
  view: View;
  caption: string;
  /** Hide the caption visually (the page heading already says it); screen readers still read it. */
  hideCaption?: boolean;
  columns: Column<Row>[];
  rows: Row[];
  /** A row's id attribute, for in-place updates. */
  rowId?: (row: Row) => string;
  rowClass?: (row: Row) => string | undefined;
  /** Keep a table layout on phones (figures a card would not make clearer); it scrolls inside its box. */
  keepTable?: boolean;
  id?: string;
}) {
  return (
    <div
      class={`table-box${props.keepTable ? ' keep-table' : ''}`}
      role="region"
      aria-label={props.view.i18n.t('common.table.scrollLabel', { caption: props.caption })}
      tabindex={0}
      id={props.id}
    >
      <table>
        <caption class={props.hideCaption ? 'visually-hidden' : undefined}>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col" class={column.numeric ? 'num' : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr id={props.rowId?.(row)} class={props.rowClass?.(row)}>
              {props.columns.map((column) => (
                <td data-label={column.label} class={column.numeric ? 'num' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
