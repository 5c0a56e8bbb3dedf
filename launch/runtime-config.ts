/**
 * The runtime configuration's parser lives in src/domain (runtime-config and the files beside it), so
 * the app page reads the same file the same way; this is the launch side's one door to it.
 */
export * from '../src/domain/runtime-config';
export * from '../src/domain/runtime-config-fields';
export * from '../src/domain/runtime-config-issuer';
