import type { ApiProblem } from '../api/client';
import { useI18n, type I18n } from '../i18n/i18n';

/** What a person should read for a problem the api answered with (field problems are shown at their fields). */
export function problemText(problem: ApiProblem, i18n: I18n): string {
  if (problem.status === 0) return i18n.t('problem.network');
  if (problem.status === 429) {
    return i18n.t('problem.rateLimited', { minutes: Math.max(1, Math.ceil((problem.retryAfterSeconds ?? 60) / 60)) });
  }
  if (problem.status === 403) return i18n.t('problem.forbidden');
  if (problem.status === 412) return i18n.t('problem.conflict');
  if (problem.status === 401) return i18n.t('problem.sessionExpired');
  if (problem.status >= 500) return i18n.t('problem.server', { detail: problem.detail || problem.title });
  if (problem.errors.length) return i18n.t('common.fixFields');
  return problem.detail || problem.title;
}

/** A problem banner, announced to screen readers as it appears. */
export function ProblemNotice({ problem, text }: { problem?: ApiProblem | null; text?: string }) {
  const i18n = useI18n();
  if (!problem && !text) return null;
  return (
    <div class="notice notice--problem" role="alert">
      {text ?? problemText(problem as ApiProblem, i18n)}
    </div>
  );
}
