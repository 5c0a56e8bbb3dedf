import { EPIC } from './epic';
import { OPEN } from './open';
import { ORACLE } from './oracle';
import type { Personality, PersonalityName } from './policy';

export type {
  Personality,
  PersonalityName,
  PolicyContext,
  RawRequest,
  ScopeRules,
  WriteAnswer,
} from './policy';
export { isPersonalityName, PERSONALITY_NAMES } from './policy';

const PERSONALITIES: Record<PersonalityName, Personality> = { open: OPEN, epic: EPIC, oracle: ORACLE };

export function getPersonality(name: PersonalityName = 'open'): Personality {
  return PERSONALITIES[name];
}
