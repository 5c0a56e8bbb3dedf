/**
 * FHIR strings must hold some non-whitespace content, and a peer's half-typed note may be only
 * spaces. Whitespace-only text is written as absent; other text is written exactly as typed.
 */
import type { PeerEncounterDraft } from './peer-encounter-draft';

export function hasWritableText(text: string | undefined): text is string {
  return text !== undefined && text.trim() !== '';
}

function optionalText(text: string | undefined): { text?: string } {
  return hasWritableText(text) ? { text } : {};
}

/** The draft as it will be written: whitespace-only texts dropped, everything else untouched. */
export function writableDraft(draft: PeerEncounterDraft): PeerEncounterDraft {
  const { nextSteps, response, followUp, groupSession } = draft;
  const nextStepsText = optionalText(nextSteps).text;
  const responseComment = optionalText(response?.comment).text;
  const followUpNote = optionalText(followUp?.note).text;
  const recipientDisplay = optionalText(followUp?.recipient?.display).text;
  const title = optionalText(groupSession?.title).text;
  const {
    nextSteps: _nextSteps,
    response: _response,
    followUp: _followUp,
    groupSession: _session,
    ...rest
  } = draft;
  return {
    ...rest,
    narrative: hasWritableText(draft.narrative) ? draft.narrative : '',
    ...(nextStepsText ? { nextSteps: nextStepsText } : {}),
    ...(response
      ? { response: { code: response.code, ...(responseComment ? { comment: responseComment } : {}) } }
      : {}),
    ...(followUp
      ? {
          followUp: {
            reason: followUp.reason,
            urgency: followUp.urgency,
            ...(followUp.recipient
              ? {
                  recipient: {
                    reference: followUp.recipient.reference,
                    display: recipientDisplay ?? followUp.recipient.reference,
                  },
                }
              : {}),
            ...(followUpNote ? { note: followUpNote } : {}),
          },
        }
      : {}),
    ...(groupSession ? { groupSession: { id: groupSession.id, ...(title ? { title } : {}) } } : {}),
    goals: draft.goals.map((progress) => {
      const comment = optionalText(progress.comment).text;
      const { comment: _comment, ...withoutComment } = progress;
      const goal = hasWritableText(progress.goal.description)
        ? progress.goal
        : { ...progress.goal, description: '' };
      return comment ? { ...withoutComment, goal, comment } : { ...withoutComment, goal };
    }),
  };
}
