import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseRuntimeConfig, type RuntimeConfig } from '../../launch/runtime-config';
import { cacheControlFor, securityHeaders, type HeaderSet } from './scripts-seam';
import { sendJson } from './http';

/**
 * Serves PeerBridge on its own origin, as a hospital's static web server would, with the runtime
 * configuration IT would deploy beside it: this sandbox's FHIR base as the only allowed issuer. The
 * production build is served with the headers `npm run build` writes into dist/deploy/ for IT, so the
 * browser tests prove the app runs under that Content-Security-Policy.
 */

export type AppSource = { readonly mode: 'dev' } | { readonly mode: 'dist'; readonly dir: string };

export interface AppHostOptions {
  /** The address to listen on. */
  readonly host: string;
  /** The name the app is addressed by, which decides whether the EHR embeds it same-site or cross-site. */
  readonly hostname: string;
  readonly port: number;
  readonly source: AppSource;
  /** The runtime configuration served as /peerbridge.config.json. */
  readonly runtimeConfig: () => unknown;
  /** The EHR page origins that frame the app, as IT lists them in peerbridge.deploy.json. */
  readonly frameAncestors: readonly string[];
}

export interface AppHost {
  readonly origin: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

async function serveStatic(
  dir: string,
  pathname: string,
  res: ServerResponse,
  headers: HeaderSet,
): Promise<void> {
  const root = resolve(dir);
  let relative = decodeURIComponent(pathname);
  if (relative.endsWith('/')) {
    relative += 'index.html';
  }
  const file = normalize(join(root, relative));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      res.writeHead(301, { Location: `${pathname}/` }).end();
      return;
    }
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { ...headers, 'Content-Type': type, 'Cache-Control': cacheControlFor(pathname) });
  createReadStream(file).pipe(res);
}

export async function startAppHost(options: AppHostOptions): Promise<AppHost> {
  type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  let viteMiddleware: Middleware | undefined;
  let closeVite: (() => Promise<void>) | undefined;

  // Dev mode keeps Vite's defaults: its client injects styles inline for hot reload.
  const distHeaders = (): HeaderSet => {
    if (options.source.mode !== 'dist') {
      return {};
    }
    let runtime: RuntimeConfig;
    try {
      runtime = parseRuntimeConfig(options.runtimeConfig());
    } catch {
      // A broken configuration allows no EHR; the launch page still loads it and names the error.
      runtime = { issuers: [] };
    }
    return securityHeaders({
      runtime,
      deploy: { frameAncestors: options.frameAncestors, extraConnectSrc: [] },
      https: false,
    });
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://app.invalid');
    if (url.pathname === '/peerbridge.config.json') {
      sendJson(res, 200, options.runtimeConfig(), { ...distHeaders(), 'Cache-Control': 'no-cache' });
      return;
    }
    if (viteMiddleware) {
      viteMiddleware(req, res, () => res.writeHead(404).end());
      return;
    }
    if (options.source.mode === 'dist') {
      serveStatic(options.source.dir, url.pathname, res, distHeaders()).catch(() => res.writeHead(500).end());
    }
  });

  await new Promise<void>((resolvePromise) => server.listen(options.port, options.host, resolvePromise));
  const port = (server.address() as AddressInfo).port;

  if (options.source.mode === 'dev') {
    // Vite is loaded only in dev mode, so the browser tests run against the production build.
    const { createServer: createViteServer } = await import('vite');
    const vite = await createViteServer({
      server: { middlewareMode: true, ws: { server } },
      appType: 'mpa',
    });
    viteMiddleware = vite.middlewares;
    closeVite = () => vite.close();
  }

  return {
    origin: `http://${options.hostname}:${port}`,
    async close() {
      await closeVite?.();
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    },
  };
}
