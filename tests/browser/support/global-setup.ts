import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { assertChromiumInstalled } from './chromium';

export const DIST_DIR = fileURLToPath(new URL('../../../dist', import.meta.url));

/** Fails fast with one line when Chromium is missing, then builds the app the tests serve. */
export default async function setup(): Promise<void> {
  assertChromiumInstalled();
  await build({ root: fileURLToPath(new URL('../../..', import.meta.url)), logLevel: 'warn' });
}
