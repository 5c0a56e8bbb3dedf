import { crisisProtocolText } from '../../../domain/runtime-config-crisis-protocol';
import type { SafetyAnswer } from '../../../domain/instrument-scoring';

interface SafetyPromptProps {
  readonly answer: SafetyAnswer;
  /** The site's crisis protocol (runtime config), plain text; the default when unset. */
  readonly protocol: string | undefined;
}

/**
 * Shown in place, the moment a safety item is answered above "Not at all": calm words, no dialog, so
 * the note stays as it is while the peer turns to the person. The 988 wording follows the Lifeline's
 * own ("call or text 988, or chat 988lifeline.org"; free, confidential, 24/7; 911 in immediate danger).
 * Words, not a link: the peer reads them to the person, and an EHR's embedded browser may open no
 * windows. The protocol is the site's text, rendered as text, one paragraph per line.
 */
export function SafetyPrompt({ answer, protocol }: SafetyPromptProps) {
  const paragraphs = crisisProtocolText(protocol)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const titleId = `safety-prompt-${answer.instrument.id}`;
  return (
    <section class="safety-prompt" aria-labelledby={titleId}>
      <h3 id={titleId}>Check in about safety now</h3>
      <p>
        {answer.instrument.name} question {answer.instrument.items.indexOf(answer.item) + 1} was answered “
        {answer.answer.coding.display}”. Ask the person, calmly and directly, about their safety today. This
        note is kept as it is while you do.
      </p>
      <p>
        <strong>988 Suicide &amp; Crisis Lifeline:</strong> call or text 988, or chat at 988lifeline.org.
        Free, confidential, 24 hours a day. If someone is in immediate danger, call 911.
      </p>
      <h4>Your program’s crisis protocol</h4>
      {paragraphs.map((line, index) => (
        <p key={index} class="safety-protocol">
          {line}
        </p>
      ))}
      <p class="hint">The clinician follow-up below is now urgent and names the reason.</p>
    </section>
  );
}
