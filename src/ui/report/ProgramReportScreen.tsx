import { useEffect, useMemo } from 'preact/hooks';
import { formatDate } from '../../domain/format';
import type { ReportGap } from '../../domain/program-report';
import type { ReportLine } from '../../domain/program-report-lines';
import type { ReportRange } from '../../domain/program-report-range';
import { normalizeErrorMessage } from '../../fhir/fhir-errors';
import { loadProgramReportInput } from '../../fhir/program-report-query';
import type { HomeViewProps } from '../home/home-view';
import { AcuteCareChart } from './AcuteCareChart';
import { downloadText } from './download-text';
import { createReportModel, type RangeProblem, type ReportModel, type ReportView } from './report-model';
import './report.css';

/** Today in the user's own calendar: a peer asks for "the last 90 days" where they are. */
function localToday(): string {
  const now = new Date();
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** The references a care team may list the user by. */
export function userReferences(user: HomeViewProps['user']): string[] {
  const refs = [user.practitioner, user.practitionerRole].filter((r): r is string => Boolean(r));
  return refs.length > 0 ? refs : [user.reference].filter((r) => r !== '');
}

function rangeText(range: ReportRange): string {
  return `${formatDate(range.from)} to ${formatDate(range.to)}`;
}

function problemFor(
  problems: readonly RangeProblem[],
  field: RangeProblem['field'],
): RangeProblem | undefined {
  return problems.find((p) => p.field === field);
}

function RangeForm({ model }: { model: ReportModel }) {
  const problems = model.problems.value;
  const loading = model.view.value.kind === 'loading';
  const field = (name: RangeProblem['field'], label: string, value: string, set: (v: string) => void) => {
    const problem = problemFor(problems, name);
    const id = `report-${name}`;
    return (
      <div class="field">
        <label for={id}>{label}</label>
        <input
          id={id}
          type="date"
          value={value}
          required
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
          onInput={(e) => set(e.currentTarget.value)}
        />
        {problem ? (
          <p class="field-error" id={`${id}-error`}>
            {problem.message}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <form
      class="report-range"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void model.run();
      }}
    >
      <div class="field-row">
        {field('from', 'First day', model.from.value, (v) => model.setFrom(v))}
        {field('to', 'Last day', model.to.value, (v) => model.setTo(v))}
        <button type="submit" class="primary" disabled={loading}>
          Show report
        </button>
      </div>
    </form>
  );
}

function GapList({ gaps }: { gaps: readonly ReportGap[] }) {
  return (
    <ul>
      {gaps.map((gap) => (
        <li key={gap.part}>{gap.message}</li>
      ))}
    </ul>
  );
}

function ReportTable({ lines, range }: { lines: readonly ReportLine[]; range: ReportRange }) {
  return (
    <table class="report-table">
      <caption>Program report figures, {rangeText(range)}, with the count behind each</caption>
      <thead>
        <tr>
          <th scope="col">Section</th>
          <th scope="col">Figure</th>
          <th scope="col">Value</th>
          <th scope="col">Based on</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => (
          <tr key={index}>
            <td>{line.section}</td>
            <th scope="row">{line.figure}</th>
            <td class="report-table__value">{line.value}</td>
            <td>{line.basis}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Ready({ view }: { view: Extract<ReportView, { kind: 'ready' }> }) {
  const { report } = view;
  const notes = report.gaps;
  return (
    <section class="report-results" aria-labelledby="report-results-title">
      <h2 id="report-results-title">Figures for {rangeText(report.range)}</h2>
      <p class="report-summary">
        {report.peopleServed} {report.peopleServed === 1 ? 'person' : 'people'} served in {report.contacts}{' '}
        peer {report.contacts === 1 ? 'contact' : 'contacts'}, from the people on your care teams (
        {view.requests} FHIR {view.requests === 1 ? 'request' : 'requests'}).
      </p>
      {view.empty === 'no-people' ? (
        <p class="notice" role="status">
          You are not on anyone’s care team in this EHR, so there is nobody to report on. Ask whoever manages
          care teams to add you to the teams of the people you support.
        </p>
      ) : null}
      {view.empty === 'no-contacts' ? (
        <p class="notice" role="status">
          No peer contacts were recorded between {rangeText(report.range)}. Choose another range, or check
          that notes were signed.
        </p>
      ) : null}
      {!view.complete ? (
        <p class="notice" role="status">
          Some searches stopped at PeerBridge’s request limit, so these figures are at least what is shown,
          not the full count. Choose a shorter range for exact figures.
        </p>
      ) : null}
      {notes.length > 0 ? (
        <div class="notice">
          <p>Some figures could not be read from this EHR:</p>
          <GapList gaps={notes} />
        </div>
      ) : null}
      {report.acutePeople > 0 ? (
        <section aria-labelledby="report-acute-title">
          <h3 id="report-acute-title">Acute care before and after peer support</h3>
          <AcuteCareChart rows={report.acute} people={report.acutePeople} />
        </section>
      ) : null}
      <section aria-labelledby="report-table-title">
        <h3 id="report-table-title">All figures</h3>
        <ReportTable lines={view.lines} range={report.range} />
      </section>
      <p>
        <button
          type="button"
          class="primary"
          onClick={() => {
            downloadText(view.csv, view.fileName, 'text/csv;charset=utf-8');
          }}
        >
          Download CSV
        </button>{' '}
        <span class="hint">{view.fileName}</span>
      </p>
    </section>
  );
}

function Results({ model }: { model: ReportModel }) {
  const view = model.view.value;
  switch (view.kind) {
    case 'idle':
      return null;
    case 'loading':
      return (
        <p class="progress" role="status">
          Reading contacts, scores and follow-ups for {rangeText(view.range)}…
        </p>
      );
    case 'blocked':
      return (
        <div class="message" role="alert">
          <h2>The program report cannot be built from this EHR</h2>
          <GapList gaps={view.gaps} />
        </div>
      );
    case 'failed':
      return (
        <div class="message" role="alert">
          <h2>The report could not be loaded</h2>
          <p>{view.message}</p>
          <button type="button" onClick={() => void model.run()}>
            Try again
          </button>
        </div>
      );
    case 'ready':
      return <Ready view={view} />;
  }
}

/**
 * The program report: contacts, billing, follow-ups, measures and acute care for a date range and the
 * people on the user's care teams, as a table (always), a chart where it helps, and a CSV.
 */
export function ProgramReportScreen({ session, server, user }: HomeViewProps) {
  const model = useMemo(
    () =>
      createReportModel({
        today: localToday(),
        describeError: normalizeErrorMessage,
        load: async (range) =>
          loadProgramReportInput(session, {
            userRefs: userReferences(user),
            range,
            capabilities: await server.capabilities,
          }),
      }),
    [session, server, user],
  );
  useEffect(() => {
    void model.run();
  }, [model]);
  return (
    <section class="program-report" aria-labelledby="program-report-title">
      <h1 id="program-report-title">Program report</h1>
      <p class="hint">
        For funders and supervision: every figure shows the count it was computed from. Dates are whole days,
        first and last included.
      </p>
      <RangeForm model={model} />
      <Results model={model} />
    </section>
  );
}

export default ProgramReportScreen;
