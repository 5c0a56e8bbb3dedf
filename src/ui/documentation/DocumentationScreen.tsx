import { useEffect, useRef, useState } from 'preact/hooks';
import type { PatientContext } from '../../domain/patient-context';
import type { DocumentationModel } from './documentation-model';
import { fieldId } from './field-ids';
import { formatPersonNamed } from './person-named';
import { ActivitiesSection } from './fields/ActivitiesSection';
import { ContactSection, type ParticipantsProps } from './fields/ContactSection';
import { FollowUpSection } from './fields/FollowUpSection';
import { GoalsSection } from './fields/GoalsSection';
import { MeasuresSection } from './fields/MeasuresSection';
import { NoteSection } from './fields/NoteSection';
import { PrivacySection } from './fields/PrivacySection';
import { ResponseSection } from './fields/ResponseSection';
import { WhenSection } from './fields/WhenSection';
import { SaveBar } from './SaveBar';
import { SavedNote } from './SavedNote';

interface DocumentationScreenProps {
  model: DocumentationModel;
  context: PatientContext;
  participants: ParticipantsProps;
}

/** Moves focus to the first field with a problem, or to the closest section when the field has none. */
function focusFirstProblem(path: string): void {
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length--) {
    const element = document.getElementById(fieldId(parts.slice(0, length).join('.')));
    if (element) {
      const target = element.matches('fieldset')
        ? (element.querySelector<HTMLElement>('input, select, textarea, button') ?? element)
        : element;
      target.focus();
      return;
    }
  }
}

export function DocumentationScreen({ model, context, participants }: DocumentationScreenProps) {
  const [amending, setAmending] = useState(false);
  const [reason, setReason] = useState('');
  const problems = model.problems.value;
  const firstProblem = useRef<string | undefined>(undefined);
  useEffect(() => {
    const first = problems[0]?.field;
    if (first && first !== firstProblem.current) {
      focusFirstProblem(first);
    }
    firstProblem.current = first;
  }, [problems]);

  const saved = model.saved.value;
  const status = model.status.value;
  useEffect(() => {
    if (status.kind === 'saved' && status.what === 'amend') {
      setAmending(false);
      setReason('');
    }
  }, [status]);

  // A note in the record that is signed, or voided, is shown as it is; only amending reopens the form.
  const settled = saved?.draft.status === 'final' || saved?.recordStatus === 'entered-in-error';
  const person = formatPersonNamed(context.patient);
  if (saved && settled && !amending) {
    return (
      <>
        <SavedNote model={model} view={saved} person={person} onAmend={() => setAmending(true)} />
        <SaveStatusOnly model={model} />
      </>
    );
  }
  const sections = { model, context };
  return (
    <form
      class="documentation"
      aria-labelledby="documentation-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
      }}
      onKeyDown={(e) => {
        // Ctrl+Enter signs and submits from anywhere in the form; plain Enter never submits by accident.
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void (amending ? model.amend(reason) : model.save('final'));
        }
      }}
    >
      <h2 id="documentation-title">
        {amending ? 'Amend the peer support note' : 'Document a peer support contact'}
      </h2>
      <p class="hint person-line">For {person}</p>
      <WhenSection {...sections} />
      <ContactSection {...sections} participants={participants} />
      <ActivitiesSection {...sections} />
      <GoalsSection {...sections} />
      <ResponseSection {...sections} />
      <NoteSection {...sections} />
      <MeasuresSection {...sections} />
      <FollowUpSection {...sections} />
      <PrivacySection {...sections} />
      {amending ? (
        <div class="save-bar">
          <div class="field">
            <label for="amend-reason">Reason for the amendment</label>
            <input
              id="amend-reason"
              type="text"
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </div>
          <SaveStatusOnly model={model} />
          <div class="save-actions">
            <button type="button" class="secondary" onClick={() => setAmending(false)}>
              Cancel
            </button>
            <button
              type="button"
              class="primary"
              disabled={model.busy.value || reason.trim() === ''}
              onClick={() => void model.amend(reason)}
            >
              Save amendment
            </button>
          </div>
        </div>
      ) : (
        <SaveBar model={model} person={person} people={participants.candidates} />
      )}
    </form>
  );
}

function SaveStatusOnly({ model }: { model: DocumentationModel }) {
  const status = model.status.value;
  if (status.kind !== 'failed') {
    return null;
  }
  return (
    <p class="save-status save-status--problem" role="alert">
      {status.message}
    </p>
  );
}
