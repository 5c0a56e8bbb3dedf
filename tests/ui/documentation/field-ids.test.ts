import { describe, expect, it } from 'vitest';
import type { DraftProblem } from '../../../src/domain/validate-draft';
import { describedBy, errorId, fieldId, problemAt } from '../../../src/ui/documentation/field-ids';

const PROBLEMS: readonly DraftProblem[] = [
  { field: 'durationMinutes', message: 'Enter how long the contact lasted, in minutes (1 to 600).' },
  { field: 'goals.1.progress', message: 'Choose how this goal is going.' },
];

describe('fieldId', () => {
  it('turns a draft field path into an element id', () => {
    expect(fieldId('goals.1.progress')).toBe('field-goals-1-progress');
    expect(fieldId('durationMinutes')).toBe('field-durationMinutes');
  });

  it('keeps only letters and digits, so the id is safe in a selector', () => {
    expect(fieldId('measures.0.items.hope')).toMatch(/^[A-Za-z0-9-]+$/);
    expect(fieldId('followUp.recipient/reference')).toBe('field-followUp-recipient-reference');
  });

  it('gives different fields different ids', () => {
    expect(fieldId('goals.1.progress')).not.toBe(fieldId('goals.11.progress'));
  });
});

describe('errorId', () => {
  it('names the error message of a field after the field', () => {
    expect(errorId('goals.1.progress')).toBe('field-goals-1-progress-error');
  });
});

describe('problemAt', () => {
  it('finds the problem about exactly this field', () => {
    expect(problemAt(PROBLEMS, 'durationMinutes')?.message).toMatch(/how long/);
  });

  it('finds a problem inside the field only when asked for nested problems', () => {
    expect(problemAt(PROBLEMS, 'goals')).toBeUndefined();
    expect(problemAt(PROBLEMS, 'goals', true)?.field).toBe('goals.1.progress');
  });

  it('does not take a field whose name merely starts the same', () => {
    expect(problemAt([{ field: 'goalsNote', message: 'x' }], 'goals', true)).toBeUndefined();
  });
});

describe('describedBy', () => {
  it('ties an input with a problem to its error message for screen readers', () => {
    expect(describedBy(PROBLEMS, 'durationMinutes')).toEqual({
      'aria-invalid': true,
      'aria-describedby': 'field-durationMinutes-error',
    });
  });

  it('adds nothing to an input without a problem', () => {
    expect(describedBy(PROBLEMS, 'narrative')).toEqual({});
  });
});
