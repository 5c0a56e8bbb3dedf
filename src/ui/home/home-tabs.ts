import type { HomeTab } from './home-view';

/**
 * The screens of a launch without a patient, in tab order. Each screen registers itself here with a
 * lazy loader so the launch's first paint carries none of them.
 */
export const HOME_TABS: readonly HomeTab[] = [
  {
    id: 'caseload',
    label: 'My people',
    shownTo: (user) => user.role.kind === 'peer',
    load: () => import('../caseload/CaseloadScreen').then((module) => module.CaseloadScreen),
  },
];
