import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/**
 * The registration page (registration/) and the launch page both use launch/scopes.ts. Left alone, the
 * bundler moves it into a chunk of its own (a module belongs to one chunk, and two entries share it),
 * and the launch page, which must stay small and quick, gains a request.
 * Giving the registration sheet its own copy (a distinct module id) keeps the launch page as it was;
 * the copy costs the registration page under a kilobyte. Rollup's and rolldown's manual chunking cannot
 * do this (they place a module in exactly one chunk); with the sheet moved beside its page the plugin is
 * still needed: without it launch/index.html preloads a separate scopes chunk.
 */
const SCOPES = fileURLToPath(new URL('../../launch/scopes', import.meta.url));
const SHEET = /[\\/]registration[\\/]registration-sheet\.ts$/;
const COPY_QUERY = '?registration-copy';

export function registrationOwnCopies(): Plugin {
  return {
    name: 'peerbridge:registration-own-copies',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer !== undefined && SHEET.test(importer) && resolve(dirname(importer), source) === SCOPES) {
        return `${SCOPES}.ts${COPY_QUERY}`;
      }
      return undefined;
    },
  };
}
