import { isSupervisor } from '../../domain/user-role';
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
  {
    id: 'review',
    label: 'Awaiting review',
    shownTo: (user) => isSupervisor(user.role),
    load: () => import('../review/ReviewScreen').then((module) => module.ReviewScreen),
  },
  {
    id: 'report',
    label: 'Program report',
    // Peers report on their own people, supervisors on their team's; clinicians have no caseload.
    shownTo: (user) => user.role.kind !== 'clinician',
    load: () => import('../report/ProgramReportScreen').then((module) => module.ProgramReportScreen),
  },
];
