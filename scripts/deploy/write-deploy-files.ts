/**
 * Writes dist/deploy/headers.json and dist/deploy/nginx.conf: the headers PeerBridge should be
 * served with, from the runtime configuration in the build (dist/peerbridge.config.json) and the
 * optional peerbridge.deploy.json. Run by `npm run build` after `vite build`; run it again with
 * --runtime-config when the deployed configuration gains an EHR.
 *
 *   tsx scripts/deploy/write-deploy-files.ts [--dist dist] [--runtime-config file]
 *     [--deploy-config peerbridge.deploy.json] [--connect-src origin]... [--frame-ancestor origin]...
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseRuntimeConfig, RuntimeConfigError } from '../../launch/runtime-config.ts';
import {
  DEPLOY_CONFIG_FILE,
  DeployConfigError,
  EMPTY_DEPLOY_CONFIG,
  parseDeployConfig,
  parseOrigin,
  type DeployConfig,
} from './deploy-config.ts';
import { renderNginxConfig } from './nginx-config';
import { cacheControlFor, contentSecurityPolicy, securityHeaders } from './security-headers.ts';

async function readJsonFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not read ${path} as JSON: ${reason}`);
  }
}

async function loadDeployConfig(path: string, extra: { connect: string[]; frame: string[] }) {
  const fromFile: DeployConfig = existsSync(path)
    ? parseDeployConfig(await readJsonFile(path))
    : EMPTY_DEPLOY_CONFIG;
  return {
    frameAncestors: [
      ...fromFile.frameAncestors,
      ...extra.frame.map((origin, i) => parseOrigin(origin, `--frame-ancestor #${i + 1}`)),
    ],
    extraConnectSrc: [
      ...fromFile.extraConnectSrc,
      ...extra.connect.map((origin, i) => parseOrigin(origin, `--connect-src #${i + 1}`)),
    ],
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: 'dist' },
      'runtime-config': { type: 'string' },
      'deploy-config': { type: 'string', default: DEPLOY_CONFIG_FILE },
      'connect-src': { type: 'string', multiple: true, default: [] },
      'frame-ancestor': { type: 'string', multiple: true, default: [] },
    },
  });
  const dist = resolve(values.dist);
  const runtimePath = resolve(values['runtime-config'] ?? join(dist, 'peerbridge.config.json'));
  const runtime = parseRuntimeConfig(await readJsonFile(runtimePath));
  const deploy = await loadDeployConfig(resolve(values['deploy-config']), {
    connect: values['connect-src'],
    frame: values['frame-ancestor'],
  });
  const headers = securityHeaders({ runtime, deploy, https: true });
  const out = join(dist, 'deploy');
  await mkdir(out, { recursive: true });
  const description = {
    comment:
      'Headers for every response, plus Cache-Control by path. Strict-Transport-Security only over https. See docs/it/deploy.md.',
    headers,
    cacheControl: { 'assets/*': cacheControlFor('assets/x.js'), '*': cacheControlFor('index.html') },
  };
  await writeFile(join(out, 'headers.json'), `${JSON.stringify(description, null, 2)}\n`);
  await writeFile(join(out, 'nginx.conf'), renderNginxConfig({ headers }));
  console.log(`Wrote ${join(out, 'headers.json')} and nginx.conf`);
  console.log(`Content-Security-Policy: ${contentSecurityPolicy({ runtime, deploy, https: true })}`);
  if (deploy.frameAncestors.length === 0 && runtime.issuers.length > 0) {
    console.warn(
      `No EHR page may show PeerBridge in a frame yet: add the EHR's web page origin to frameAncestors in ${DEPLOY_CONFIG_FILE} (or --frame-ancestor) and run this again. See docs/it/deploy.md.`,
    );
  }
}

main().catch((error: unknown) => {
  const known = error instanceof RuntimeConfigError || error instanceof DeployConfigError;
  console.error(known ? `Configuration error: ${error.message}` : error);
  process.exitCode = 1;
});
