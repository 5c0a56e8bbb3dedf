import { LIMITS } from '../../../domain/draft-problems';
import { describedBy, fieldId } from '../field-ids';
import type { ParticipantsProps } from './ContactSection';
import { FieldError } from './FieldError';
import type { SectionProps } from './section-props';

/**
 * A group session is documented once: the person whose chart is open gets this whole note, and each
 * other participant gets an encounter of their own with the shared parts only (when, how, activities
 * and the group summary), never another participant's goals, response or words.
 */
export function GroupSessionFields({
  model,
  participants,
}: SectionProps & { participants: ParticipantsProps }) {
  const draft = model.draft.value;
  const problems = model.problems.value;
  const summary = model.groupSummary.value;
  return (
    <div class="group-session">
      <div class="field">
        <label for={fieldId('groupSession.title')}>Group name</label>
        <input
          id={fieldId('groupSession.title')}
          type="text"
          maxLength={LIMITS.groupTitle}
          value={draft.groupSession?.title ?? ''}
          onInput={(e) => {
            const title = e.currentTarget.value;
            model.update((d) =>
              d.groupSession
                ? { ...d, groupSession: { id: d.groupSession.id, ...(title ? { title } : {}) } }
                : d,
            );
          }}
          {...describedBy(problems, 'groupSession')}
        />
        <FieldError problems={problems} path="groupSession" />
      </div>
      <fieldset class="participants">
        <legend>Other participants</legend>
        {participants.loading ? <p class="hint">Loading the people you work with…</p> : null}
        {participants.unavailable ? (
          <p class="hint">
            The EHR did not share a list of the people you work with; this note is for this person only.
          </p>
        ) : null}
        {participants.candidates.map((candidate) => (
          <label class="choice" key={candidate.id}>
            <input
              type="checkbox"
              checked={participants.selected.includes(candidate.id)}
              onChange={() => participants.toggle(candidate.id)}
            />
            {candidate.name}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for={fieldId('groupSummary')}>
          About the group session (written into every participant’s record)
        </label>
        <textarea
          id={fieldId('groupSummary')}
          rows={3}
          maxLength={LIMITS.narrative}
          value={summary}
          onInput={(e) => model.setGroupSummary(e.currentTarget.value)}
          {...describedBy(problems, 'groupSummary')}
        />
        <FieldError problems={problems} path="groupSummary" />
        <p class="hint">Write about the group as a whole; keep what is about one person in their own note.</p>
      </div>
    </div>
  );
}
