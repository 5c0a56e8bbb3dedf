import { BUNDLE_BUDGETS, measureBundleSizes } from './bundle-size';
import { CASELOAD_BUDGETS, measureCaseload } from './caseload';
import { MAPPING_MAX_VS_JSON, measureMapping } from './mapping';
import { measureTimeline, TIMELINE_BUDGETS } from './timeline';
import { measureSave, SAVE_BUDGETS } from './save';
import { measureVendorRequests } from './vendor-requests';

/**
 * `npm run bench`: PeerBridge's speed and size figures, printed for people; `npm run bench -- --json`
 * prints one JSON object of all figures. Exits non-zero when a budget is exceeded. Every time budget
 * is a ratio against a baseline measured in the same run (this machine is shared and noisy);
 * absolute times are printed as information.
 */

type Figures = Record<string, number>;

interface Budget {
  readonly key: string;
  readonly limit: number;
  /** 'max': the figure must not exceed the limit; 'min': it must reach it. */
  readonly kind: 'max' | 'min';
}

const asJson = process.argv.includes('--json');

async function collect(): Promise<{ figures: Figures; budgets: Budget[]; notes: string[] }> {
  const figures: Figures = {};
  const notes: string[] = [];
  const budgets: Budget[] = [];
  Object.assign(figures, measureMapping());
  budgets.push({ key: 'mapping_vs_json_ratio', limit: MAPPING_MAX_VS_JSON, kind: 'max' });
  Object.assign(figures, await measureBundleSizes());
  for (const [key, limit] of Object.entries(BUNDLE_BUDGETS)) {
    budgets.push({ key, limit, kind: 'max' });
  }
  Object.assign(figures, await measureSave());
  for (const [key, limit] of Object.entries(SAVE_BUDGETS)) {
    budgets.push({ key, limit, kind: 'max' });
  }
  // After the save bench, which builds the app these figures are taken against.
  const vendor = await measureVendorRequests();
  Object.assign(figures, vendor.figures);
  notes.push(...vendor.notes);
  Object.assign(figures, await measureTimeline());
  for (const [key, limit] of Object.entries(TIMELINE_BUDGETS)) {
    budgets.push({ key, limit, kind: 'max' });
  }
  Object.assign(figures, await measureCaseload());
  for (const [key, limit] of Object.entries(CASELOAD_BUDGETS)) {
    budgets.push({ key, limit, kind: 'max' });
  }
  return { figures, budgets, notes };
}

function failedBudgets(figures: Figures, budgets: readonly Budget[]): Budget[] {
  return budgets.filter((budget) => {
    const value = figures[budget.key];
    if (value === undefined) {
      return true;
    }
    return budget.kind === 'max' ? value > budget.limit : value < budget.limit;
  });
}

const { figures, budgets, notes } = await collect();
for (const note of notes) {
  console.error(note);
}
const failed = failedBudgets(figures, budgets);

if (asJson) {
  console.log(JSON.stringify(figures));
} else {
  const width = Math.max(...Object.keys(figures).map((key) => key.length));
  for (const [key, value] of Object.entries(figures)) {
    const budget = budgets.find((b) => b.key === key);
    const verdict = budget
      ? `${failed.includes(budget) ? 'OVER' : 'ok'} (${budget.kind} ${budget.limit})`
      : '';
    const shown = Math.abs(value) < 10 ? value.toFixed(2) : String(Math.round(value));
    console.log(`${key.padEnd(width)}  ${shown.padStart(10)}  ${verdict}`);
  }
}
if (failed.length > 0) {
  console.error(`Budget exceeded: ${failed.map((b) => b.key).join(', ')}`);
  process.exit(1);
}
