import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readResetSecret, RESET_PATH } from './reset-route';

/**
 * `npm run sandbox:reset`: restores the seed. A running sandbox is asked to reset itself (so its
 * memory and file agree); otherwise the stored data is removed and the next start seeds afresh.
 */
const ehrPort = Number(process.env.PEERBRIDGE_EHR_PORT ?? 4010);
const dataDir = resolve(process.env.PEERBRIDGE_SANDBOX_DATA ?? '.sandbox-data');

const secret = await readResetSecret(dataDir);
try {
  // The running sandbox wrote its secret into its data folder at start.
  const response = await fetch(`http://127.0.0.1:${ehrPort}${RESET_PATH}`, {
    method: 'POST',
    headers: secret ? { Authorization: `Bearer ${secret}` } : {},
  });
  if (response.status === 401) {
    throw new Error(
      `The running sandbox refused the reset: it keeps its data (and reset secret) in another folder than ${dataDir}. Set PEERBRIDGE_SANDBOX_DATA to that folder and run this again.`,
    );
  }
  if (!response.ok) {
    throw new Error(`The running sandbox answered ${response.status}`);
  }
  console.log('The running sandbox EHR was reset to its seed data.');
} catch (error) {
  if (error instanceof TypeError) {
    await rm(resolve(dataDir, 'fhir-store.json'), { force: true });
    console.log(`Removed the sandbox's stored data in ${dataDir}; the next npm start loads the seed.`);
  } else {
    throw error;
  }
}
