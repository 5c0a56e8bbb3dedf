/** The report as people read it in a terminal: one row per check, what to do under each problem. */
import type { CheckResult, CheckStatus, CheckSummary } from './check-result';
import type { PreflightReport } from './run-preflight';
import { serverPlanLines, type ServerPlan } from './server-plan';

const LABEL: Readonly<Record<CheckStatus, string>> = {
  pass: 'PASS',
  info: 'INFO',
  warn: 'WARN',
  fail: 'FAIL',
};
const MAX_TITLE = 50;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return line === '' ? lines : [...lines, line];
}

function row(result: CheckResult, titleWidth: number, width: number): string[] {
  const indent = ' '.repeat(6 + 2 + titleWidth + 2);
  const detailWidth = Math.max(30, width - indent.length);
  const title = result.title.length > titleWidth ? `${result.title.slice(0, titleWidth - 1)}…` : result.title;
  const detail = wrap(result.detail, detailWidth);
  const lines = detail.map((text, index) =>
    index === 0
      ? `${LABEL[result.status].padEnd(6)}  ${title.padEnd(titleWidth)}  ${text}`
      : `${indent}${text}`,
  );
  if (result.fix !== '') {
    const fix = wrap(`To do: ${result.fix}`, detailWidth);
    lines.push(...fix.map((text) => `${indent}${text}`));
  }
  return lines;
}

export function formatSummary(summary: CheckSummary): string {
  const counts = `${summary.pass} pass, ${summary.info} info, ${summary.warn} warn, ${summary.fail} fail`;
  switch (summary.result) {
    case 'pass':
      return `${counts}: ready for PeerBridge.`;
    case 'warn':
      return `${counts}: PeerBridge can run; read the warnings above before go-live.`;
    case 'fail':
      return `${counts}: fix the failures above before go-live.`;
  }
}

function planSection(plan: ServerPlan | undefined, width: number): string[] {
  if (plan === undefined) {
    return [];
  }
  const lines = serverPlanLines(plan);
  const labelWidth = Math.max(...lines.map(([label]) => label.length));
  const indent = ' '.repeat(2 + labelWidth + 2);
  const textWidth = Math.max(30, width - indent.length);
  return [
    '',
    'WHAT A SAVE WRITES AND WHAT THE APP READS ON THIS SERVER',
    ...lines.flatMap(([label, text]) =>
      wrap(text, textWidth).map((part, index) =>
        index === 0 ? `  ${label.padEnd(labelWidth)}  ${part}` : `${indent}${part}`,
      ),
    ),
  ];
}

export function formatReportTable(report: PreflightReport, width = 110): string {
  const titleWidth = Math.min(MAX_TITLE, Math.max(...report.checks.map((c) => c.title.length), 5));
  const header = `RESULT  ${'CHECK'.padEnd(titleWidth)}  DETAIL`;
  return [
    `PeerBridge preflight for ${report.base}`,
    '',
    header,
    '-'.repeat(Math.min(width, header.length + 40)),
    ...report.checks.flatMap((result) => row(result, titleWidth, width)),
    ...planSection(report.plan, width),
    '',
    formatSummary(report.summary),
    '',
  ].join('\n');
}
