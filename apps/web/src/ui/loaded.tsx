import type { ComponentChildren } from 'preact';
import type { ApiProblem } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ProblemNotice } from './problem';

/** "Loading…", announced politely. */
export function Loading() {
  const { t } = useI18n();
  return <p role="status">{t('common.loading')}</p>;
}

/** An answer's content once it has arrived; until then that it is loading, or why it failed. */
export function Loaded<T>({
  data,
  problem,
  children,
}: {
  data: T | null;
  problem: ApiProblem | null;
  children: (data: T) => ComponentChildren;
}) {
  if (problem) return <ProblemNotice problem={problem} />;
  if (data === null) return <Loading />;
  return <>{children(data)}</>;
}
