/**
 * A Vite plugin for the demo build: puts its Content-Security-Policy into every page as a <meta>, so
 * the demo is locked to its own origin (connect-src 'self') even on hosts that cannot set headers.
 * frame-ancestors is left out: browsers ignore it in a <meta> and warn about it.
 */
import type { Plugin } from 'vite';
import { DEMO_WORKER_POLICY } from '../../mocks/demo/shell/worker-script-url.ts';
import { contentSecurityPolicy } from './security-headers.ts';

export function demoCspMeta(): Plugin {
  const policy = contentSecurityPolicy({
    runtime: { issuers: [] },
    https: false,
    trustedTypesPolicies: [DEMO_WORKER_POLICY],
  })
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors '))
    .join('; ');
  return {
    name: 'peerbridge-demo-csp-meta',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
