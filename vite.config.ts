import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { pruneFhirProfiles } from './scripts/vite/prune-fhir-profiles.ts';
import { registrationOwnCopies } from './scripts/vite/registration-entry.ts';

const shim = (file: string) => fileURLToPath(new URL(`./src/shims/${file}`, import.meta.url));

export default defineConfig({
  // Relative asset paths: IT can host the static files under any path.
  base: './',
  plugins: [pruneFhirProfiles(), registrationOwnCopies()],
  json: { stringify: true },
  define: {
    // fhirclient's "pure" build: no fetch or AbortController polyfills.
    FHIRCLIENT_PURE: 'true',
  },
  resolve: {
    alias: {
      'cross-fetch': shim('empty-module.ts'),
      'abortcontroller-polyfill/dist/abortcontroller-polyfill-only': shim('empty-module.ts'),
      'isomorphic-webcrypto': shim('empty-module.ts'),
      debug: shim('debug.cjs'),
      'js-base64': shim('js-base64.cjs'),
    },
  },
  build: {
    target: 'es2022',
    // No source maps in what IT deploys: they would publish the source to anyone. Debug a release
    // build with `npx vite build --sourcemap` locally.
    sourcemap: false,
    // Every browser PeerBridge supports has modulepreload; the polyfill would only cost bytes.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        app: fileURLToPath(new URL('./index.html', import.meta.url)),
        launch: fileURLToPath(new URL('./launch/index.html', import.meta.url)),
        // The registration sheet for IT; a separate entry, so the app and launch bundles do not carry it.
        registration: fileURLToPath(new URL('./registration/index.html', import.meta.url)),
      },
    },
  },
  server: { host: '127.0.0.1' },
});
