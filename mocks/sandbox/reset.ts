import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * `npm run sandbox:reset`: restores the seed. A running sandbox is asked to reset itself (so its
 * memory and file agree); otherwise the stored data is removed and the next start seeds afresh.
 */
const ehrPort = Number(process.env.PEERBRIDGE_EHR_PORT ?? 4010);
const dataDir = resolve(process.env.PEERBRIDGE_SANDBOX_DATA ?? '.sandbox-data');

try {
  const response = await fetch(`http://127.0.0.1:${ehrPort}/sandbox/reset`, { method: 'POST' });
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
