/**
 * Every include glob of both vitest configs matches at least one file: a glob that matches nothing is
 * either dead or, worse, a place where a new test would silently never run.
 */
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import type { ViteUserConfig } from 'vitest/config';
import unitConfig from '../../vitest.config.ts';
import browserConfig from '../browser/vitest.config.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/** The files one include glob matches, expanded as vitest does (it uses tinyglobby too). */
function matches(config: ViteUserConfig, pattern: string): Promise<string[]> {
  return glob(pattern, {
    cwd: config.test?.root ?? ROOT,
    ignore: [...(config.test?.exclude ?? []), '**/node_modules/**'],
  });
}

describe.each([
  ['vitest.config.ts', unitConfig],
  ['tests/browser/vitest.config.ts', browserConfig],
])('the include globs of %s', (_name, config) => {
  const include = config.test?.include ?? [];

  it('are given', () => {
    expect(include.length).toBeGreaterThan(0);
  });

  it.each(include)('%s matches at least one test file', async (pattern) => {
    expect(await matches(config, pattern)).not.toEqual([]);
  });
});
