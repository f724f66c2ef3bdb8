import type { ApiProblem } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { ProblemNotice } from '../../ui/problem';

/** A message kept as its key (and values), translated only when shown: a change of language says it again. */
export interface Said {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** What went wrong on a visit form: said at its fields, in a banner above them, or the api's problem as it came. */
export interface FormProblems<Field extends string> {
  fields: Partial<Record<Field, MessageKey>>;
  banner?: Said;
  problem?: ApiProblem;
}

/** A field the api's `errors` name (`resident.phone`), and what to say at which field of the form. */
export interface FieldRule<Field extends string> {
  api: string;
  field: Field;
  say: MessageKey;
}

/**
 * What went wrong, said where the person can change it: the banner the page has for a problem it knows, else the
 * fields a 400 names (at each field the first rule that matched, with a banner asking to fix them), else the api's
 * problem as it came.
 */
export function formProblemsOf<Field extends string>(
  problem: ApiProblem,
  known: Said | undefined,
  rules: FieldRule<Field>[],
): FormProblems<Field> {
  if (known) return { fields: {}, banner: known };
  if (problem.status !== 400) return { fields: {}, problem };
  const fields: Partial<Record<Field, MessageKey>> = {};
  for (const rule of rules) {
    if (!fields[rule.field] && problem.errors.some((error) => error.field === rule.api)) fields[rule.field] = rule.say;
  }
  if (!Object.keys(fields).length) return { fields, problem };
  return { fields, banner: { key: 'common.fixFields' } };
}

/** The banner of a form's problems, or else the api's problem, translated as shown. */
export function FormProblemNotice<Field extends string>({ problems }: { problems: FormProblems<Field> }) {
  const { t } = useI18n();
  if (problems.banner) return <ProblemNotice text={t(problems.banner.key, problems.banner.params)} />;
  return <ProblemNotice problem={problems.problem} />;
}
