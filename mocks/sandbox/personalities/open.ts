import type { Personality } from './policy';

/** The sandbox as it always was: a permissive FHIR server that lists and does everything the engine can. */
export const OPEN: Personality = {
  name: 'open',
  description: 'an open FHIR server (batch, transaction, conditional create, every resource)',
  scopes: { versions: [1, 2], wildcards: true },
  writeAnswer: { body: 'as-preferred', location: 'versioned' },
  capabilityStatement: (own) => own,
  smartConfiguration: (own) => own,
  admit: (interaction) => Promise.resolve(interaction),
  refusal: (error) => error,
};
