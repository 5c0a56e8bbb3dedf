import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/**
 * The registration page and the launch page both use launch/scopes.ts. Left alone, the bundler moves it
 * into a chunk of its own, and the launch page, which must stay small and quick, gains a request.
 * Giving the registration sheet its own copy (a distinct module id) keeps the launch page as it was;
 * the copy costs the registration page under a kilobyte.
 */
const SCOPES = fileURLToPath(new URL('../../launch/scopes.ts', import.meta.url));
const SHEET = /[\\/]launch[\\/]registration-sheet\.ts$/;
const COPY_QUERY = '?registration-copy';

export function registrationOwnCopies(): Plugin {
  return {
    name: 'peerbridge:registration-own-copies',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer !== undefined && SHEET.test(importer) && source === './scopes') {
        return `${SCOPES}${COPY_QUERY}`;
      }
      return undefined;
    },
  };
}
