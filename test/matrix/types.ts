import type { TestApp } from '../utils/app.js';

/** A record a route parameter points at, and where to look to see whether a request changed it. */
export interface Target {
  value: string;
  /** The table holding the record (its `id` column is `value`); omit for a parameter that is not a record. */
  table?: string;
  /** True when the parameter is not centre data (a year, say): the route is then tried once, not per centre. */
  shared?: boolean;
}

/** Makes a fresh record in `centreId` for a route parameter, keyed by the path up to and including it. */
export type Fixture = (app: TestApp, centreId: string) => Promise<Target>;

/** A body that would succeed for an allowed caller of `ownCentreId`, keyed by "METHOD /path". */
export type Body = (app: TestApp, ownCentreId: string) => unknown | Promise<unknown>;

export interface MatrixEntries {
  fixtures: Record<string, Fixture>;
  bodies: Record<string, Body>;
}
