/**
 * FHIR strings must hold some non-whitespace content, and a peer's half-typed note may be only
 * spaces. Whitespace-only text is written as absent; other text is written exactly as typed.
 */
import { isRecord } from './guards';
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
                  // A blank display is written as none (request-resources.ts), never as the
                  // reference: readers then name the person from the reference itself.
                  recipient: { reference: followUp.recipient.reference, display: recipientDisplay ?? '' },
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

/** JSON with every object's keys sorted: a draft's key order follows the order it was edited in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) =>
    isRecord(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => a.localeCompare(b)))
      : member,
  );
}

/**
 * Whether two drafts would write the same note: compared as written (whitespace-only text counts as
 * absent), whatever order their fields were typed in. The writer uses it to skip a save with nothing
 * new; the form uses it to know whether anything typed is not in the record yet.
 */
export function sameContent(a: PeerEncounterDraft, b: PeerEncounterDraft): boolean {
  return canonicalJson(writableDraft(a)) === canonicalJson(writableDraft(b));
}
