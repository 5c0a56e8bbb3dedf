import { describe, expect, it } from 'vitest';
import { answersWithPoints } from '../../mocks/fixtures/instrument-answers';
import { instrumentById } from '../../src/domain/codes-instruments';
import { instrumentItemRows } from '../../src/domain/instrument-text';

const phq9 = instrumentById('phq-9');

describe('instrumentItemRows', () => {
  it('gives each answered item its number, words, answer and points, in the instrument’s order', () => {
    const rows = instrumentItemRows(phq9, answersWithPoints('phq-9', [2, 2, 1, 2, 1, 1, 1, 0, 1]));
    expect(rows).toHaveLength(9);
    expect(rows[0]).toMatchObject({ number: 1, text: phq9.items[0]?.text, points: 2, safetyItem: false });
    expect(rows[7]).toMatchObject({ number: 8, answer: 'Not at all', points: 0 });
  });

  it('marks item 9 as the safety item, and positive when answered above "Not at all"', () => {
    const positive = instrumentItemRows(phq9, answersWithPoints('phq-9', [0, 0, 0, 0, 0, 0, 0, 0, 1]));
    expect(positive[8]).toMatchObject({
      number: 9,
      answer: 'Several days',
      safetyItem: true,
      safetyPositive: true,
    });
    const negative = instrumentItemRows(phq9, answersWithPoints('phq-9', [3, 3, 3, 3, 3, 3, 3, 3, 0]));
    expect(negative[8]).toMatchObject({ safetyItem: true, safetyPositive: false });
  });

  it('leaves out items not answered, and marks no safety item on an instrument without one', () => {
    const barc = instrumentById('barc-10');
    const [first] = barc.items;
    const rows = instrumentItemRows(
      barc,
      first ? { [first.linkId]: first.answers[0]?.coding.code ?? '' } : {},
    );
    expect(rows.map((r) => [r.number, r.safetyItem])).toEqual([[1, false]]);
  });
});
