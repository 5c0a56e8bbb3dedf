/** The runtime configuration's parser lives in src/domain, so the app page reads the same file the same way. */
export * from '../src/domain/runtime-config';
