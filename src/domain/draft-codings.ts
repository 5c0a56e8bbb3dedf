/** Code -> coding lookups for the draft's coded fields, built once when the module loads. */
import {
  ACTIVITIES,
  CHECK_IN_ITEMS,
  CONTACT_MODES,
  FOLLOW_UP_REASONS,
  FOLLOW_UP_URGENCIES,
  GOAL_PROGRESS,
  OUTCOME_MEASURES,
  RESPONSES,
  SETTINGS,
} from './codes';
import { codingIndex } from './terminology';

export const activityCoding = codingIndex(ACTIVITIES);
export const contactModeCoding = codingIndex(CONTACT_MODES);
export const settingCoding = codingIndex(SETTINGS);
export const responseCoding = codingIndex(RESPONSES);
export const followUpReasonCoding = codingIndex(FOLLOW_UP_REASONS);
export const urgencyCoding = codingIndex(FOLLOW_UP_URGENCIES);
export const goalProgressCoding = codingIndex(GOAL_PROGRESS);
export const checkInItemCoding = codingIndex(CHECK_IN_ITEMS);
export const measureCoding = codingIndex(OUTCOME_MEASURES);
