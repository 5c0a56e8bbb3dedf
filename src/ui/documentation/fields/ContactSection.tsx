import { CONTACT_MODES, SESSION_FORMATS, SETTINGS } from '../../../domain/codes';
import { describedBy, fieldId } from '../field-ids';
import { FieldError } from './FieldError';
import { GroupSessionFields } from './GroupSessionFields';
import { RadioGroup } from './RadioGroup';
import type { SectionProps } from './section-props';

export function ContactSection({
  model,
  context,
  participants,
}: SectionProps & { participants: ParticipantsProps }) {
  const draft = model.draft.value;
  const problems = model.problems.value;
  return (
    <fieldset class="form-section">
      <legend>Contact</legend>
      <RadioGroup
        legend="How you were in contact"
        path="contactMode"
        options={CONTACT_MODES}
        value={draft.contactMode}
        problems={problems}
        onChange={(code) => model.update((d) => ({ ...d, contactMode: code }))}
      />
      <div class="field">
        <label for={fieldId('setting')}>Setting</label>
        <select
          id={fieldId('setting')}
          value={draft.setting ?? ''}
          onChange={(e) => {
            const setting = e.currentTarget.value;
            model.update(({ setting: _old, ...d }) => (setting ? { ...d, setting } : d));
          }}
          {...describedBy(problems, 'setting')}
        >
          <option value="">Not recorded</option>
          {SETTINGS.map((setting) => (
            <option key={setting.code} value={setting.code}>
              {setting.display}
            </option>
          ))}
        </select>
        <FieldError problems={problems} path="setting" />
      </div>
      <RadioGroup
        legend="Individual or group"
        path="format"
        options={SESSION_FORMATS}
        value={draft.format}
        problems={problems}
        onChange={(code) =>
          model.update(({ groupSession: _old, ...d }) =>
            code === 'group'
              ? { ...d, format: 'group', groupSession: { id: participants.newSessionId() } }
              : { ...d, format: 'individual' },
          )
        }
      />
      {draft.format === 'group' ? (
        <GroupSessionFields model={model} context={context} participants={participants} />
      ) : null}
    </fieldset>
  );
}

export interface ParticipantsProps {
  /** Other people the peer can see, to add to a group session. */
  readonly candidates: readonly { readonly id: string; readonly name: string }[];
  readonly loading: boolean;
  readonly unavailable: boolean;
  readonly selected: readonly string[];
  toggle(patientId: string): void;
  newSessionId(): string;
}
