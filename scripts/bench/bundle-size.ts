import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The JS a page loads before it can run: its module entry and the chunks it preloads. */
function initialScripts(html: string): string[] {
  const sources = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? '');
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map(
    (m) => m[1] ?? '',
  );
  return [...new Set([...sources, ...preloads])].filter((path) => path.endsWith('.js'));
}

async function gzipBytesOfPage(outDir: string, page: string): Promise<number> {
  const htmlPath = join(outDir, page);
  const html = await readFile(htmlPath, 'utf8');
  let total = 0;
  for (const script of initialScripts(html)) {
    const file = resolve(dirname(htmlPath), script);
    total += gzipSync(await readFile(file)).length;
  }
  return total;
}

export interface BundleSizes {
  readonly bundle_app_gzip_bytes: number;
  readonly bundle_launch_gzip_bytes: number;
}

/** Builds the production app into a scratch folder and measures each page's initial JS, gzip level 6. */
export async function measureBundleSizes(): Promise<BundleSizes> {
  const outDir = await mkdtemp(join(tmpdir(), 'peerbridge-bench-build-'));
  try {
    await build({ root: ROOT, logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } });
    return {
      bundle_app_gzip_bytes: await gzipBytesOfPage(outDir, 'index.html'),
      bundle_launch_gzip_bytes: await gzipBytesOfPage(outDir, 'launch/index.html'),
    };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

export const BUNDLE_BUDGETS: Record<keyof BundleSizes, number> = {
  // 37 kB until 2026-12-03; the shell now also carries the name directory (people by name before
  // any read), the home routing and the programme, supervisor and place-of-service codes the first
  // screen classifies with (measured 40.4 kB). Next step: keep codes only writers use out of the shell.
  bundle_app_gzip_bytes: 41 * 1024,
  // 18 kB until 2026-12-03: the runtime config now also checks the programme (codes-program.ts),
  // which the bundler puts with references.ts in two small shared chunks (measured 18.5 kB).
  bundle_launch_gzip_bytes: 19 * 1024,
};
