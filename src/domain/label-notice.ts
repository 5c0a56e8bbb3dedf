/**
 * What a reader must be told about a note's security labels. Only the labels the server sent are read:
 * the notice never guesses a sensitivity the server did not state, and never hides one it did.
 */
import { sensitivityOfLabels } from './security-labels';

export function labelNotice(labels: unknown): string | undefined {
  switch (sensitivityOfLabels(labels)) {
    case 'part2':
      return 'Restricted — 42 CFR Part 2: do not redisclose without consent';
    case 'restricted':
      return 'Restricted — behavioural health: share only as your organisation’s policy allows';
    case 'normal':
      return undefined;
  }
}
