/**
 * Whether a QuestionnaireResponse answers its Questionnaire as the Questionnaire says it may
 * (https://hl7.org/fhir/R4/questionnaireresponse.html#link: "QuestionnaireResponse resources can be
 * validated against their corresponding Questionnaire"): the response names the Questionnaire, every
 * linkId is one of its items, with the item's text, every answer fits the item's type and is among its
 * answerOptions, an item that does not repeat has one answer, and a completed response answers every
 * required item. Base R4 structure is the profile validator's job (scripts/profiles/validation); this
 * is what it cannot know. Pure and total: problems are returned as sentences, never thrown.
 */
import type {
  Coding,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from 'fhir/r4';

export interface ConformanceProblem {
  /** The linkId the problem is about; absent for the response as a whole. */
  readonly linkId?: string;
  readonly message: string;
}

/** Each item of the Questionnaire by linkId, nested groups included. */
function itemsByLinkId(
  items: readonly QuestionnaireItem[] | undefined,
  into = new Map<string, QuestionnaireItem>(),
) {
  for (const item of items ?? []) {
    into.set(item.linkId, item);
    itemsByLinkId(item.item, into);
  }
  return into;
}

function sameCoding(a: Coding | undefined, b: Coding | undefined): boolean {
  return a !== undefined && b !== undefined && a.code === b.code && (a.system ?? '') === (b.system ?? '');
}

/** The answer's value[x] names, e.g. ['valueCoding']. */
function valueKeys(answer: QuestionnaireResponseItemAnswer): string[] {
  return Object.keys(answer).filter((key) => key.startsWith('value'));
}

const VALUE_OF_TYPE: Readonly<Partial<Record<QuestionnaireItem['type'], string>>> = {
  boolean: 'valueBoolean',
  decimal: 'valueDecimal',
  integer: 'valueInteger',
  date: 'valueDate',
  dateTime: 'valueDateTime',
  time: 'valueTime',
  string: 'valueString',
  text: 'valueString',
  url: 'valueUri',
  choice: 'valueCoding',
  attachment: 'valueAttachment',
  reference: 'valueReference',
  quantity: 'valueQuantity',
};

function answerProblems(item: QuestionnaireItem, answer: QuestionnaireResponseItemAnswer): string[] {
  const keys = valueKeys(answer);
  const expected = VALUE_OF_TYPE[item.type];
  if (item.type === 'display' || item.type === 'group') {
    return [`is a ${item.type} item and takes no answer`];
  }
  if (expected && !(keys.length === 1 && keys[0] === expected)) {
    return [`is a ${item.type} item: its answer must be ${expected}, not ${keys.join(', ') || 'nothing'}`];
  }
  const options = item.answerOption ?? [];
  if (item.type === 'choice' && options.length > 0) {
    const chosen = answer.valueCoding;
    if (!options.some((option) => sameCoding(option.valueCoding, chosen))) {
      return [
        `has an answer (${chosen?.system ?? ''}|${chosen?.code ?? ''}) that is not one of its answerOptions`,
      ];
    }
  }
  return [];
}

function requiredMissing(
  items: readonly QuestionnaireItem[] | undefined,
  answered: ReadonlySet<string>,
): ConformanceProblem[] {
  return (items ?? []).flatMap((item): ConformanceProblem[] => {
    if (item.type === 'display') {
      return [];
    }
    const own =
      item.required === true && !answered.has(item.linkId)
        ? [{ linkId: item.linkId, message: `Item ${item.linkId} is required and not answered.` }]
        : [];
    return [...own, ...(item.type === 'group' ? requiredMissing(item.item, answered) : [])];
  });
}

function answeredLinkIds(items: readonly QuestionnaireResponseItem[] | undefined, into = new Set<string>()) {
  for (const item of items ?? []) {
    if ((item.answer ?? []).length > 0 || (item.item ?? []).length > 0) {
      into.add(item.linkId);
    }
    itemsOfAnswers(item).forEach((nested) => answeredLinkIds([nested], into));
    answeredLinkIds(item.item, into);
  }
  return into;
}

function itemsOfAnswers(item: QuestionnaireResponseItem): QuestionnaireResponseItem[] {
  return (item.answer ?? []).flatMap((answer) => answer.item ?? []);
}

function itemProblems(
  items: readonly QuestionnaireResponseItem[] | undefined,
  definitions: ReadonlyMap<string, QuestionnaireItem>,
): ConformanceProblem[] {
  const problems: ConformanceProblem[] = [];
  const seen = new Set<string>();
  for (const item of items ?? []) {
    const definition = definitions.get(item.linkId);
    const at = (message: string): ConformanceProblem => ({
      linkId: item.linkId,
      message: `Item ${item.linkId} ${message}.`,
    });
    if (!definition) {
      problems.push(at('is not an item of the Questionnaire'));
      continue;
    }
    if (seen.has(item.linkId) && definition.repeats !== true) {
      problems.push(at('appears more than once although it does not repeat'));
    }
    seen.add(item.linkId);
    if (item.text !== undefined && definition.text !== undefined && item.text !== definition.text) {
      problems.push(at('has a text that is not the Questionnaire item’s'));
    }
    const answers = item.answer ?? [];
    if (answers.length > 1 && definition.repeats !== true) {
      problems.push(at('has more than one answer although it does not repeat'));
    }
    for (const answer of answers) {
      problems.push(...answerProblems(definition, answer).map(at));
    }
    problems.push(...itemProblems(item.item, definitions));
    problems.push(...itemProblems(itemsOfAnswers(item), definitions));
  }
  return problems;
}

/** The ways `response` does not answer `questionnaire` as it allows; none when it conforms. */
export function questionnaireResponseProblems(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
): ConformanceProblem[] {
  const problems: ConformanceProblem[] = [];
  const [url, version] = (response.questionnaire ?? '').split('|');
  if (!questionnaire.url || url !== questionnaire.url) {
    problems.push({
      message: `The response answers ${response.questionnaire ?? 'no Questionnaire'}, not ${questionnaire.url ?? 'this Questionnaire'}.`,
    });
  } else if (
    version !== undefined &&
    questionnaire.version !== undefined &&
    version !== questionnaire.version
  ) {
    problems.push({
      message: `The response answers version ${version} of the Questionnaire, not ${questionnaire.version}.`,
    });
  }
  problems.push(...itemProblems(response.item, itemsByLinkId(questionnaire.item)));
  if (response.status === 'completed' || response.status === 'amended') {
    problems.push(...requiredMissing(questionnaire.item, answeredLinkIds(response.item)));
  }
  return problems;
}
