/** The one-sentence summary of recent care: "6 peer contacts, 1 ED visit in the last 90 days". */

export type TimelineCategory =
  'peer' | 'group-peer' | 'psychiatry' | 'therapy' | 'primary-care' | 'emergency' | 'inpatient' | 'other';

const NOUNS: Readonly<Record<TimelineCategory, readonly [string, string]>> = {
  peer: ['peer contact', 'peer contacts'],
  'group-peer': ['group peer session', 'group peer sessions'],
  psychiatry: ['psychiatry visit', 'psychiatry visits'],
  therapy: ['therapy visit', 'therapy visits'],
  'primary-care': ['primary care visit', 'primary care visits'],
  emergency: ['ED visit', 'ED visits'],
  inpatient: ['hospital stay', 'hospital stays'],
  other: ['other visit', 'other visits'],
};

const ORDER = Object.keys(NOUNS) as TimelineCategory[];

export function summariseCounts(
  counts: Readonly<Record<TimelineCategory, number>>,
  periodDays: number,
): string {
  const period = periodDays === 1 ? 'in the last day' : `in the last ${periodDays} days`;
  const parts = ORDER.filter((c) => counts[c] > 0).map((c) => {
    const [one, many] = NOUNS[c];
    return `${counts[c]} ${counts[c] === 1 ? one : many}`;
  });
  return parts.length === 0 ? `No visits ${period}` : `${parts.join(', ')} ${period}`;
}
