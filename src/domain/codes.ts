/**
 * The one door through which code strings enter the app: every system, code, profile and ValueSet
 * comes from the fhir-profiles package. Only this file and its codes-*.ts siblings (one area each:
 * encounter, observations, notes, people, billing, programme, follow-up, profiles, lookup) name a code in src/,
 * and only as a lookup into that package: `codingOf` throws while a module loads when a code is
 * missing, so a typo (or a code renamed in fhir-profiles/) fails every test. tests/domain/code-literals.test.ts
 * keeps code strings out of the rest of src/.
 */
export { CODE_SYSTEMS, VALUE_SETS } from './fhir-profiles';
export * from './codes-billing';
export * from './codes-encounter';
export * from './codes-follow-up';
export * from './codes-lookup';
export * from './codes-notes';
export * from './codes-observations';
export * from './codes-people';
export * from './codes-profiles';
export * from './codes-program';
