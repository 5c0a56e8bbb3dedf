/**
 * Whether the server knows PeerBridge's profiles. No server has to: PeerBridge writes valid base R4
 * either way. But a server that validates on write, or an EHR team that wants to, needs them loaded.
 */
import { CANONICAL } from '../../src/domain/codes';
import type { CapabilityFacts } from './capability-statement';
import { check, passed, type CheckResult } from './check-result';

export function checkProfilesKnown(facts: CapabilityFacts): CheckResult {
  const id = 'metadata.profiles';
  const title = 'PeerBridge profiles known to the server';
  const ours = (url: string): boolean => url.startsWith(`${CANONICAL}/`);
  const resources = [...(facts.server?.resources.values() ?? [])];
  const mentions = [
    ...facts.instantiates.filter(ours),
    ...facts.implementationGuide.filter(ours),
    ...resources.flatMap((resource) => [
      ...resource.supportedProfile.filter(ours),
      ...(resource.profile !== undefined && ours(resource.profile) ? [resource.profile] : []),
    ]),
  ];
  if (mentions.length > 0) {
    return passed(id, title, `Declared: ${[...new Set(mentions)].join(', ')}.`);
  }
  return check(
    id,
    title,
    'info',
    `The CapabilityStatement does not mention ${CANONICAL}: the server stores PeerBridge's resources as plain R4.`,
    'Optional: to validate on write, load the package in fhir-profiles/ (peerbridge.fhir.profiles) into the server.',
  );
}
