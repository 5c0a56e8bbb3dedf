import { useState } from 'preact/hooks';
import { GOAL_PROGRESS } from '../../../domain/codes';
import { LIMITS } from '../../../domain/draft-problems';
import { formatCodeableConcept } from '../../../domain/format';
import type { DraftGoalProgress, DraftGoalRef } from '../../../domain/peer-encounter-draft';
import { describedBy, fieldId } from '../field-ids';
import { FieldError } from './FieldError';
import type { SectionProps } from './section-props';

function sameGoal(a: DraftGoalRef, b: DraftGoalRef): boolean {
  return a.kind === 'existing' && b.kind === 'existing'
    ? a.id === b.id
    : a.kind === 'new' && b.kind === 'new' && a.key === b.key;
}

export function GoalsSection({ model, context }: SectionProps) {
  const draft = model.draft.value;
  const problems = model.problems.value;
  const [newGoal, setNewGoal] = useState('');
  const existing: DraftGoalRef[] = context.goals.flatMap((goal) =>
    goal.id
      ? [{ kind: 'existing' as const, id: goal.id, description: formatCodeableConcept(goal.description) }]
      : [],
  );
  const added = draft.goals.map((g) => g.goal).filter((goal) => goal.kind === 'new');
  const setProgress = (goal: DraftGoalRef, change: Partial<DraftGoalProgress> | undefined) =>
    model.update((d) => {
      const current = d.goals.find((g) => sameGoal(g.goal, goal));
      if (!change) {
        return { ...d, goals: d.goals.filter((g) => !sameGoal(g.goal, goal)) };
      }
      // Changed in place, so the list (and the keyboard focus in it) does not jump around.
      return current
        ? { ...d, goals: d.goals.map((g) => (g === current ? { ...g, ...change } : g)) }
        : { ...d, goals: [...d.goals, { goal, progress: GOAL_PROGRESS[0]?.code ?? '', ...change }] };
    });
  const addNewGoal = () => {
    const description = newGoal.trim();
    if (description === '') {
      return;
    }
    const key = `g${String(Date.now() % 1_000_000_000)}`;
    setProgress({ kind: 'new', key, description }, {});
    setNewGoal('');
  };

  return (
    <fieldset class="form-section" id={fieldId('goals')}>
      <legend>Recovery goals worked on</legend>
      {[...existing, ...added].map((goal) => {
        const index = draft.goals.findIndex((g) => sameGoal(g.goal, goal));
        const entry = draft.goals[index];
        const id = goal.kind === 'existing' ? goal.id : goal.key;
        return (
          <div class="goal" key={`${goal.kind}:${id}`}>
            <label class="choice">
              <input
                type="checkbox"
                checked={entry !== undefined}
                onChange={() => setProgress(goal, entry ? undefined : {})}
              />
              {goal.description || 'Goal without a description'}
              {goal.kind === 'new' ? <span class="tag">new, in their words</span> : null}
            </label>
            {entry ? (
              <div class="field-row">
                <div class="field">
                  <label for={fieldId(`goals.${index}.progress`)}>Progress</label>
                  <select
                    id={fieldId(`goals.${index}.progress`)}
                    value={entry.progress}
                    onChange={(e) => setProgress(goal, { progress: e.currentTarget.value })}
                    {...describedBy(problems, `goals.${index}.progress`)}
                  >
                    {GOAL_PROGRESS.map((p) => (
                      <option key={p.code} value={p.code}>
                        {p.display}
                      </option>
                    ))}
                  </select>
                  <FieldError problems={problems} path={`goals.${index}.progress`} />
                </div>
                <div class="field field--wide">
                  <label for={fieldId(`goals.${index}.comment`)}>Comment (optional)</label>
                  <input
                    id={fieldId(`goals.${index}.comment`)}
                    type="text"
                    maxLength={LIMITS.comment}
                    value={entry.comment ?? ''}
                    onInput={(e) => setProgress(goal, { comment: e.currentTarget.value })}
                  />
                </div>
              </div>
            ) : null}
          </div>
        );
      })}
      {existing.length === 0 && added.length === 0 ? <p class="hint">No goals in the record yet.</p> : null}
      <div class="field-row">
        <div class="field field--wide">
          <label for={fieldId('new-goal')}>Add a goal in the person’s own words</label>
          <input
            id={fieldId('new-goal')}
            type="text"
            maxLength={LIMITS.goalDescription}
            value={newGoal}
            onInput={(e) => setNewGoal(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addNewGoal();
              }
            }}
          />
        </div>
        <button type="button" class="secondary" onClick={addNewGoal}>
          Add goal
        </button>
      </div>
      <FieldError problems={problems} path="goals" nested />
    </fieldset>
  );
}
