/** The orders "My people" can be sorted in, with ties kept in name order. */
import type { CaseloadRow } from './caseload-rows';

export type CaseloadSortKey = 'name' | 'age' | 'lastContact' | 'nextContact' | 'followUps' | 'drafts';
export type SortDirection = 'ascending' | 'descending';

function sortValue(row: CaseloadRow, key: CaseloadSortKey): string | number {
  switch (key) {
    case 'name':
      return row.name;
    case 'age':
      return row.age ?? Number.POSITIVE_INFINITY;
    case 'lastContact':
      // Never contacted sorts as the longest ago.
      return row.lastContactDaysAgo ?? Number.POSITIVE_INFINITY;
    case 'nextContact':
      // Nothing planned sorts after every date.
      return row.nextContact ?? '\uffff';
    case 'followUps':
      return row.openFollowUps.length;
    case 'drafts':
      return row.draftsInProgress;
  }
}

/** A sorted copy; ties keep name order so the list does not jump between sorts. */
export function sortCaseload(
  rows: readonly CaseloadRow[],
  key: CaseloadSortKey,
  direction: SortDirection,
): CaseloadRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [sortValue(a, key), sortValue(b, key)];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sign * order || a.name.localeCompare(b.name);
  });
}
