import type { AppConfig } from './app-config.js';

/** AppConfig once the process has started its dependencies: a database URL and a secret are always known. */
export type ResolvedConfig = Omit<AppConfig, 'appSecret' | 'database'> & {
  appSecret: string;
  database: AppConfig['database'] & { url: string; embedded: boolean };
};
