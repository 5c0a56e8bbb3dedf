import type { CareKind } from '../../domain/timeline-filter';
import type { ClinicianModel } from './clinician-model';

const KINDS: readonly { value: CareKind; label: string }[] = [
  { value: 'all', label: 'All care' },
  { value: 'peer', label: 'Peer support only' },
  { value: 'clinical', label: 'Clinical care only' },
];

export function TimelineFilters({ model }: { model: ClinicianModel }) {
  const filter = model.filter.value;
  const roles = model.peerRoles.value;
  return (
    <form
      class="timeline-filters"
      aria-label="Filter the timeline"
      onSubmit={(e) => {
        e.preventDefault();
      }}
    >
      <fieldset class="radio-group">
        <legend>Show</legend>
        {KINDS.map((kind) => (
          <label class="choice" key={kind.value}>
            <input
              type="radio"
              name="timeline-kind"
              checked={filter.kind === kind.value}
              onChange={() => {
                model.setFilter({ kind: kind.value });
              }}
            />
            {kind.label}
          </label>
        ))}
      </fieldset>
      <div class="field-row">
        <div class="field">
          <label for="timeline-from">From</label>
          <input
            id="timeline-from"
            type="date"
            value={filter.from}
            onInput={(e) => {
              model.setFilter({ from: e.currentTarget.value });
            }}
          />
        </div>
        <div class="field">
          <label for="timeline-to">To</label>
          <input
            id="timeline-to"
            type="date"
            value={filter.to}
            onInput={(e) => {
              model.setFilter({ to: e.currentTarget.value });
            }}
          />
        </div>
        <div class="field">
          <label for="timeline-role">Peer role</label>
          <select
            id="timeline-role"
            value={filter.peerRole}
            onChange={(e) => {
              model.setFilter({ peerRole: e.currentTarget.value });
            }}
          >
            <option value="">Every peer role</option>
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        <label class="choice">
          <input
            type="checkbox"
            checked={filter.showDrafts}
            onChange={(e) => {
              model.setFilter({ showDrafts: e.currentTarget.checked });
            }}
          />
          Show drafts in progress
        </label>
      </div>
    </form>
  );
}
