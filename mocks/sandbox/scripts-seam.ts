/**
 * The one module under mocks/ that imports from scripts/ (eslint.config.js refuses any other). The
 * sandbox reuses two pieces of the production tooling instead of keeping copies that could drift:
 *
 * - the deploy writer's security headers (`npm run build` writes them into dist/deploy/ for IT), so
 *   app-host.ts serves the app under the very Content-Security-Policy IT deploys and the browser tests
 *   prove the app runs under it;
 * - the profile validator of fhir-profiles' tooling, so fhir/validation.ts refuses a write that breaks
 *   base R4 or a PeerBridge profile, as a validating EHR would.
 */
export { cacheControlFor, securityHeaders, type HeaderSet } from '../../scripts/deploy/security-headers';
export { errorsOf, validateAgainstProfiles } from '../../scripts/profiles/validation/profile-validator';
