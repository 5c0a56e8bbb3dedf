import {
  FOLLOW_UP_REASONS,
  FOLLOW_UP_URGENCIES,
  isAtLeastAsUrgent,
  URGENT_PRIORITY,
} from '../../../domain/codes';
import { LIMITS } from '../../../domain/draft-problems';
import type { DraftFollowUp } from '../../../domain/peer-encounter-draft';
import { peerWordsOf, safetyAnswersOf, safetyNoteLines } from '../../../domain/safety-follow-up';
import { FOLLOW_UP_NOT_SENT } from '../../../domain/write-plan-words';
import { describedBy, fieldId } from '../field-ids';
import { FieldError } from './FieldError';
import { RadioGroup } from './RadioGroup';
import type { SectionProps } from './section-props';

export function FollowUpSection({ model, context }: SectionProps) {
  const draft = model.draft.value;
  const problems = model.problems.value;
  const followUp = draft.followUp;
  const change = (next: Partial<DraftFollowUp> | undefined) =>
    model.update(({ followUp: current, ...d }) =>
      next === undefined
        ? d
        : {
            ...d,
            followUp: {
              reason: '',
              urgency: FOLLOW_UP_URGENCIES[0]?.code ?? '',
              ...current,
              ...next,
            },
          },
    );
  // A follow-up goes to a clinician, not to a family member on the team.
  const recipients = context.careTeam.filter((member) => member.reference?.startsWith('Practitioner'));
  // A safety answer holds the follow-up (safety-follow-up.ts): the controls say so, the rule enforces it.
  const safety = safetyAnswersOf(draft);
  const locked = safety.length > 0;
  const reasonLines = safetyNoteLines(safety);
  const lockId = 'follow-up-safety-lock';
  const lowerUrgencies = FOLLOW_UP_URGENCIES.filter(
    (u) => !isAtLeastAsUrgent(u.code, URGENT_PRIORITY.code),
  ).map((u) => u.code);
  return (
    <fieldset class="form-section">
      <legend>Clinician follow-up</legend>
      <label class="choice">
        <input
          type="checkbox"
          checked={followUp !== undefined}
          disabled={locked}
          {...(locked ? { 'aria-describedby': lockId } : {})}
          onChange={() => change(followUp ? undefined : {})}
        />
        A clinician should follow up
      </label>
      {locked ? (
        <p class="hint safety-lock" id={lockId}>
          Required while{' '}
          {safety
            .map((a) => `${a.instrument.name} question ${a.instrument.items.indexOf(a.item) + 1}`)
            .join(' and ')}{' '}
          is answered above “Not at all”: it stays, urgent or sooner, and names the reason. You can choose who
          follows up and add what they should know.
        </p>
      ) : null}
      {followUp && model.plan.value?.followUp === 'note-only' ? (
        <p class="hint follow-up-route">{FOLLOW_UP_NOT_SENT}</p>
      ) : null}
      {followUp ? (
        <div class="follow-up">
          <div class="field">
            <label for={fieldId('followUp.reason')}>Reason</label>
            <select
              id={fieldId('followUp.reason')}
              value={followUp.reason}
              disabled={locked}
              {...(locked ? { 'aria-describedby': lockId } : {})}
              onChange={(e) => change({ reason: e.currentTarget.value })}
              {...describedBy(problems, 'followUp.reason')}
            >
              <option value="">Choose a reason</option>
              {FOLLOW_UP_REASONS.map((reason) => (
                <option key={reason.code} value={reason.code}>
                  {reason.display}
                </option>
              ))}
            </select>
            <FieldError problems={problems} path="followUp.reason" />
          </div>
          <RadioGroup
            legend="How soon"
            path="followUp.urgency"
            options={FOLLOW_UP_URGENCIES}
            value={followUp.urgency}
            problems={problems}
            onChange={(urgency) => change({ urgency })}
            {...(locked ? { disabledCodes: lowerUrgencies, describedById: lockId } : {})}
          />
          <div class="field">
            <label for={fieldId('followUp.recipient')}>Who should follow up</label>
            <select
              id={fieldId('followUp.recipient')}
              value={followUp.recipient?.reference ?? ''}
              onChange={(e) => {
                const member = recipients.find((m) => m.reference === e.currentTarget.value);
                model.update((d) => {
                  if (!d.followUp) {
                    return d;
                  }
                  const { recipient: _old, ...rest } = d.followUp;
                  return {
                    ...d,
                    followUp: member?.reference
                      ? {
                          ...rest,
                          // Only a name is written: wording ("A care team member") is not one.
                          recipient: {
                            reference: member.reference,
                            display: member.named ? member.name : '',
                          },
                        }
                      : rest,
                  };
                });
              }}
              {...describedBy(problems, 'followUp.recipient')}
            >
              <option value="">Anyone on the care team</option>
              {recipients.map((member) => (
                <option key={member.reference} value={member.reference}>
                  {member.name}
                  {member.role ? ` (${member.role})` : ''}
                </option>
              ))}
            </select>
            <FieldError problems={problems} path="followUp.recipient" />
          </div>
          <div class="field">
            <label for={fieldId('followUp.note')}>What the clinician should know</label>
            {locked ? (
              <p class="hint" id="follow-up-reason-line">
                Sent first, then your words: {reasonLines}
              </p>
            ) : null}
            <textarea
              id={fieldId('followUp.note')}
              rows={2}
              // The rule writes the reason line(s) before the peer's words; both fit the limit.
              maxLength={locked ? LIMITS.comment - reasonLines.length - 1 : LIMITS.comment}
              value={locked ? peerWordsOf(followUp.note) : (followUp.note ?? '')}
              {...(locked ? { 'aria-describedby': 'follow-up-reason-line' } : {})}
              onInput={(e) => {
                const note = e.currentTarget.value;
                model.update((d) => {
                  if (!d.followUp) {
                    return d;
                  }
                  const { note: _old, ...rest } = d.followUp;
                  return { ...d, followUp: note ? { ...rest, note } : rest };
                });
              }}
            />
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
