import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiProblem, get, request } from '../../api/client';
import type { PublicVisit } from '../../api/types';
import { useI18n, type I18n } from '../../i18n/i18n';
import { Loading } from '../../ui/loaded';
import { ProblemNotice } from '../../ui/problem';
import { FormProblemNotice, type FormProblems, formProblemsOf } from './form-problems';
import { VisitCodeField } from './visit-code';
import { isVisitCode, normalizedCode } from './visit-code-input';
import { visitDay, VisitFacts, visitHours, VisitStatusBadge } from './visit-facts';
import './visits.css';

/** What went wrong looking a code up, said at the code or above the form. */
function lookupProblemsOf(problem: ApiProblem): FormProblems<'code'> {
  const known = problem.status === 404 ? { key: 'visits.manage.notFound' as const } : undefined;
  return formProblemsOf(problem, known, [{ api: 'code', field: 'code', say: 'visits.code.invalid' }]);
}

/** A resident looks up their visit by its code (kept out of the URL) and may cancel it before it starts. */
export function ManageVisitPage() {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<{ code: string; visit: PublicVisit } | null>(null);
  const [problems, setProblems] = useState<FormProblems<'code'>>({ fields: {} });
  const [busy, setBusy] = useState(false);

  async function lookUp(event: Event) {
    event.preventDefault();
    const code = normalizedCode(typed);
    setFound(null);
    if (!isVisitCode(code)) {
      setProblems({ fields: { code: 'visits.code.invalid' } });
      return;
    }
    setBusy(true);
    setProblems({ fields: {} });
    try {
      setFound({ code, visit: await get<PublicVisit>(`/visits/${code}`, { anonymous: true }) });
    } catch (error) {
      setProblems(lookupProblemsOf(error as ApiProblem));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <section class="panel panel--narrow">
        <h1>{t('visits.manage.title')}</h1>
        <p class="lead">{t('visits.manage.lead')}</p>
        <FormProblemNotice problems={problems} />
        <form onSubmit={lookUp} noValidate>
          <VisitCodeField value={typed} onValue={setTyped} error={problems.fields.code && t(problems.fields.code)} />
          <div class="actions">
            <button class="button" type="submit" disabled={busy}>
              {t('visits.manage.submit')}
            </button>
            {busy && <Loading />}
          </div>
        </form>
      </section>
      {found && (
        <ManagedVisit
          key={found.code}
          code={found.code}
          visit={found.visit}
          onChange={(visit) => setFound({ ...found, visit })}
        />
      )}
    </>
  );
}

function cancelProblemText(problem: ApiProblem, { t }: I18n): string | null {
  if (problem.code === 'visit-started') return t('visits.manage.started');
  if (problem.status === 409) return t('visits.manage.notCancellable');
  if (problem.status === 404) return t('visits.manage.notFound');
  return null;
}

function ManagedVisit({
  code,
  visit,
  onChange,
}: {
  code: string;
  visit: PublicVisit;
  onChange(visit: PublicVisit): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [confirming, setConfirming] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const done = useRef<HTMLDivElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => (confirming ? question.current?.focus() : undefined), [confirming]);
  useEffect(() => (cancelled ? done.current?.focus() : undefined), [cancelled]);
  const started = new Date(visit.start) <= new Date();
  const cancellable = visit.status === 'booked' && !started;

  async function cancel() {
    setBusy(true);
    setProblem(null);
    try {
      const { body } = await request<PublicVisit>(`/visits/${code}`, { method: 'DELETE', anonymous: true });
      onChange(body);
      setConfirming(false);
      setCancelled(true);
    } catch (error) {
      setProblem(error as ApiProblem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel panel--narrow" aria-labelledby="managed-visit-heading" data-testid="managed-visit">
      <h2 id="managed-visit-heading" ref={heading} tabIndex={-1}>
        {t('visits.manage.visitTitle')}
      </h2>
      {cancelled && (
        <div class="notice notice--ok" role="status" ref={done} tabIndex={-1}>
          {t('visits.manage.cancelled')}
        </div>
      )}
      {problem && <ProblemNotice problem={problem} text={cancelProblemText(problem, i18n) ?? undefined} />}
      <VisitFacts visit={visit}>
        <dt>{t('visits.facts.status')}</dt>
        <dd>
          <VisitStatusBadge status={visit.status} />
        </dd>
      </VisitFacts>
      {visit.status === 'booked' && started && <p>{t('visits.manage.started')}</p>}
      {cancellable && !confirming && (
        <button class="button" type="button" onClick={() => setConfirming(true)}>
          {t('visits.manage.cancel')}
        </button>
      )}
      {cancellable && confirming && (
        <div class="visit-confirm" role="group" aria-labelledby="cancel-question">
          <p id="cancel-question" ref={question} tabIndex={-1}>
            <strong>
              {t('visits.manage.confirm', { day: visitDay(i18n, visit.start), time: visitHours(i18n, visit) })}
            </strong>
          </p>
          <div class="actions">
            <button class="button" type="button" onClick={cancel} disabled={busy}>
              {t('visits.manage.confirmYes')}
            </button>
            <button class="button button--quiet" type="button" onClick={() => setConfirming(false)}>
              {t('visits.manage.confirmNo')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
