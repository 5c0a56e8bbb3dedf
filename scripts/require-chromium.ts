import { existsSync } from 'node:fs';
import { CHROMIUM_MISSING_MESSAGE, CHROMIUM_PATH } from '../tests/browser/support/chromium';

// The browser tests drive Debian's Chromium; say in one line how to get it rather than fail deep inside.
if (!existsSync(CHROMIUM_PATH)) {
  console.error(CHROMIUM_MISSING_MESSAGE);
  process.exit(1);
}
