import { Init1795813190032 } from './1795813190032-init.js';

/** Every migration in order. `npm run migration:generate -- Name` writes a new file; list it here. */
export const MIGRATIONS: Function[] = [Init1795813190032];
