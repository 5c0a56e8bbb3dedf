import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSeed } from '../fixtures/seed';
import { STAFF } from '../fixtures/seed/practitioners';
import { describeSeedUsers } from '../fixtures/seed/user-summary';
import { SEED_USERS } from '../fixtures/seed/users';
import { getPersonality, isPersonalityName, PERSONALITY_NAMES } from './personalities';
import { startSandbox } from './server';

/**
 * `npm start [-- --ehr open|epic|oracle] [--no-displays]`: the sandbox EHR with PeerBridge served by
 * Vite's dev server (live reload). `--ehr` (or PEERBRIDGE_EHR) picks the vendor personality; default
 * open. `--no-displays` answers with references stripped of `display`, as many real EHRs send them.
 */
const ehrPort = Number(process.env.PEERBRIDGE_EHR_PORT ?? 4010);
const appPort = Number(process.env.PEERBRIDGE_APP_PORT ?? 5173);

const { values } = parseArgs({
  options: { ehr: { type: 'string' }, 'no-displays': { type: 'boolean' } },
  strict: true,
});
const ehr = values.ehr ?? process.env.PEERBRIDGE_EHR ?? 'open';
if (!isPersonalityName(ehr)) {
  console.error(`Unknown --ehr '${ehr}': use one of ${PERSONALITY_NAMES.join(', ')}.`);
  process.exit(2);
}

const sandbox = await startSandbox({
  ehrPort,
  appPort,
  ehr,
  ...(values['no-displays'] ? { stripDisplays: true } : {}),
  dataDir: resolve(process.env.PEERBRIDGE_SANDBOX_DATA ?? '.sandbox-data'),
  // As IT deploys it: e.g. the file `npm run register` wrote. Default: the sandbox's own client.
  ...(process.env.PEERBRIDGE_RUNTIME_CONFIG
    ? { runtimeConfigFile: resolve(process.env.PEERBRIDGE_RUNTIME_CONFIG) }
    : {}),
  app: process.env.PEERBRIDGE_APP_DIST
    ? { mode: 'dist', dir: resolve(process.env.PEERBRIDGE_APP_DIST) }
    : { mode: 'dev' },
});

const peer = SEED_USERS[0];
console.log(`PeerBridge sandbox EHR: ${sandbox.ehrUrl}`);
console.log(`  behaves as --ehr ${sandbox.ehr}: ${getPersonality(sandbox.ehr).description}`);
if (values['no-displays']) {
  console.log('  --no-displays: references are answered without display, as many real EHRs send them');
}
console.log(
  `  reset to the seed data: npm run sandbox:reset (or POST /sandbox/reset with Authorization: Bearer ${sandbox.resetSecret})`,
);
console.log(
  `  sign in as ${peer?.username ?? 'a listed user'} (peer specialist) with password ${peer?.password ?? ''}; Ctrl+C stops.`,
);
console.log(
  `  PeerBridge without a chart ("My people"): ${new URL('ehr/peerbridge', sandbox.ehrUrl).href}, or the link above the patient list`,
);
const roles = new Map(Object.values(STAFF).map((m) => [`Practitioner/${m.practitionerId}`, m.specialtyText]));
console.log('  users (same password):');
for (const line of describeSeedUsers(buildSeed(new Date()), (fhirUser) => roles.get(fhirUser) ?? '')) {
  console.log(`    ${line}`);
}

const stop = () => {
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
