import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { demoCspMeta } from './scripts/deploy/demo-csp-meta.ts';
import app from './vite.config.ts';

const demo = (path: string) => fileURLToPath(new URL(`./mocks/demo/${path}`, import.meta.url));

/**
 * `npm run build:demo`: PeerBridge's real launch and app pages, each behind a demo entry that first
 * starts an EHR simulated in the browser (msw). A separate build, so no demo code reaches dist/.
 */
export default defineConfig({
  ...app,
  root: demo(''),
  publicDir: demo('public'),
  plugins: [...(app.plugins ?? []), demoCspMeta()],
  build: {
    ...app.build,
    outDir: fileURLToPath(new URL('./dist-demo', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      input: {
        start: demo('index.html'),
        launch: demo('launch/index.html'),
        app: demo('app/index.html'),
        authorize: demo('ehr/authorize.html'),
      },
    },
  },
});
