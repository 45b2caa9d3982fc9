import { stopShared } from './global-setup.mjs';

export default async function globalTeardown() {
  await stopShared(globalThis.__KEEPWARM_TEST__);
}
