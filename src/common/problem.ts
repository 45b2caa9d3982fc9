/** An RFC 9457 problem document, the shape of every error Keepwarm's HTTP API returns. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[] | CellError[];
}

export interface FieldError {
  field: string;
  message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A problem in a cell of an uploaded table: row 1 is the header, column is the header's text (or null). */
export interface CellError {
  row: number;
  column: string | null;
  message: string;
}
