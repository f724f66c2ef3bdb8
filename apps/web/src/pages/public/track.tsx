import type { RefObject } from 'preact';
// The very check digit rule the api applies (a pure function, bundled from its one source).
import { isDammValid } from '../../../../../libs/cases/src/domain/damm';
import { useRef, useState } from 'preact/hooks';
import { ApiProblem, get } from '../../api/client';
import type { TrackedCase } from '../../api/types';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { StatusBadge } from '../../ui/badges';
import { TextField } from '../../ui/fields';
import { ProblemNotice } from '../../ui/problem';

const CASE_NUMBER = /^(\d{4})-(\d{6,})-(\d)$/;

interface TrackProblems {
  number?: MessageKey;
  code?: MessageKey;
  banner?: MessageKey;
  problem?: ApiProblem;
}

/** A number the resident typed that cannot be a case number, said before asking the api. */
function numberProblemOf(number: string): MessageKey | undefined {
  const parts = CASE_NUMBER.exec(number);
  if (!parts) return 'track.badNumber';
  return isDammValid(`${parts[1]}${parts[2]}${parts[3]}`) ? undefined : 'track.wrongCheckDigit';
}

/** What the api refused, said where the resident can fix it. */
function problemsOf(problem: ApiProblem): TrackProblems {
  if (problem.code === 'invalid-case-number') return { number: 'track.badNumber' };
  if (problem.status === 400 && problem.fieldMessage('code')) return { code: 'track.badCode' };
  if (problem.status === 404) return { banner: 'track.notFound' };
  return { problem };
}

export function TrackPage() {
  const { t } = useI18n();
  const [number, setNumber] = useState('');
  const [code, setCode] = useState('');
  const [tracked, setTracked] = useState<TrackedCase | null>(null);
  const [problems, setProblems] = useState<TrackProblems>({});
  const [busy, setBusy] = useState(false);
  const result = useRef<HTMLHeadingElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setProblems({});
    setTracked(null);
    const numberProblem = numberProblemOf(number.trim());
    if (numberProblem) return setProblems({ number: numberProblem });
    setBusy(true);
    try {
      const path = `/track/${encodeURIComponent(number.trim())}?code=${encodeURIComponent(code.trim().toUpperCase())}`;
      setTracked(await get<TrackedCase>(path, { anonymous: true }));
      queueMicrotask(() => result.current?.focus());
    } catch (error) {
      setProblems(problemsOf(error as ApiProblem));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <section class="panel panel--narrow">
        <h1>{t('track.title')}</h1>
        <p class="lead">{t('track.lead')}</p>
        {problems.banner && <ProblemNotice text={t(problems.banner)} />}
        {problems.problem && <ProblemNotice problem={problems.problem} />}
        <form onSubmit={submit} noValidate>
          <TextField
            label={t('track.number')}
            hint={t('track.numberHint')}
            error={problems.number && t(problems.number)}
            value={number}
            onValue={setNumber}
            inputMode="numeric"
            autoComplete="off"
            required
          />
          <TextField
            label={t('track.code')}
            hint={t('track.codeHint')}
            error={problems.code && t(problems.code)}
            value={code}
            onValue={setCode}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            required
          />
          <button class="button" type="submit" disabled={busy}>
            {t('track.submit')}
          </button>
        </form>
      </section>
      {tracked && <TrackedCaseView tracked={tracked} heading={result} />}
    </>
  );
}

function TrackedCaseView({
  tracked,
  heading,
}: {
  tracked: TrackedCase;
  heading: RefObject<HTMLHeadingElement | null>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section class="panel panel--narrow" aria-live="polite" data-testid="tracked-case">
      <h2 ref={heading} tabIndex={-1}>
        {t('track.caseTitle', { number: tracked.number })}
      </h2>
      <dl class="facts">
        <dt>{t('track.status')}</dt>
        <dd>
          <StatusBadge status={tracked.status} />
        </dd>
        <dt>{t('track.category')}</dt>
        <dd>{tracked.categoryName}</dd>
        <dt>{t('track.unit')}</dt>
        <dd>{tracked.unitName ?? t('track.notAssigned')}</dd>
        <dt>{t('track.received')}</dt>
        <dd>{i18n.dateTime(tracked.receivedAt)}</dd>
        <dt>{t('track.updated')}</dt>
        <dd>{i18n.dateTime(tracked.updatedAt)}</dd>
        {tracked.dueDate && (
          <>
            <dt>{t('track.due')}</dt>
            <dd>{i18n.date(tracked.dueDate)}</dd>
          </>
        )}
        {tracked.resolution && (
          <>
            <dt>{t('track.resolution')}</dt>
            <dd>{tracked.resolution}</dd>
          </>
        )}
      </dl>
      <h3>{t('track.notes')}</h3>
      {tracked.publicNotes.length ? (
        <ul class="timeline">
          {tracked.publicNotes.map((note) => (
            <li key={note.at}>
              <div class="timeline__meta">{i18n.dateTime(note.at)}</div>
              <div class="timeline__body">{note.body}</div>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('track.noNotes')}</p>
      )}
    </section>
  );
}
