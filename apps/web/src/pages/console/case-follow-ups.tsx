import { useState } from 'preact/hooks';
import { ApiProblem, request } from '../../api/client';
import type { FollowUp } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { warsawInstant, warsawLocal } from '../../i18n/warsaw-time';
import { SelectField, TextField } from '../../ui/fields';
import { ProblemNotice } from '../../ui/problem';

/** The case's open call-backs and reminders, and scheduling one on the Warsaw clock. */
export function FollowUps({
  number,
  followUps,
  onChanged,
}: {
  number: string;
  followUps: FollowUp[];
  onChanged(): Promise<void>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [kind, setKind] = useState<'callback' | 'reminder'>('callback');
  const [dueAt, setDueAt] = useState(() => warsawLocal(new Date(Date.now() + 3600_000)));
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const act = async (work: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await work();
      await onChanged();
      return true;
    } catch (error) {
      setProblem(error as ApiProblem);
      return false;
    }
  };
  const open = followUps.filter(
    (followUp): followUp is FollowUp & { status: 'scheduled' | 'due' } =>
      followUp.status === 'scheduled' || followUp.status === 'due',
  );
  return (
    <>
      <ProblemNotice problem={problem} />
      {open.length ? (
        <ul class="timeline">
          {open.map((followUp) => (
            <li key={followUp.id}>
              <div class="timeline__meta">
                {t(`case.kind.${followUp.kind}`)} · {i18n.dateTime(followUp.dueAt)} ·{' '}
                {t(`followUp.status.${followUp.status}`)}
              </div>
              {followUp.note && <div class="timeline__body">{followUp.note}</div>}
              <button
                class="button button--quiet button--small"
                type="button"
                onClick={() => act(() => request(`/follow-ups/${followUp.id}`, { method: 'DELETE' }))}
              >
                {t('case.cancelFollowUp')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('case.noFollowUps')}</p>
      )}
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const body = { kind, dueAt: warsawInstant(dueAt), note: note.trim() || undefined };
          const done = await act(() =>
            request(`/cases/${encodeURIComponent(number)}/follow-ups`, { method: 'POST', body }),
          );
          if (done) setNote('');
        }}
      >
        <SelectField
          label={t('case.kind')}
          value={kind}
          onValue={(value) => setKind(value as 'callback' | 'reminder')}
          options={[
            { value: 'callback', label: t('case.kind.callback') },
            { value: 'reminder', label: t('case.kind.reminder') },
          ]}
        />
        <TextField
          label={t('case.dueAt')}
          type="datetime-local"
          value={dueAt}
          onValue={setDueAt}
          error={problem?.fieldMessage('dueAt')}
        />
        <TextField label={t('case.followUpNote')} value={note} onValue={setNote} optional />
        <button class="button" type="submit">
          {t('case.schedule')}
        </button>
      </form>
    </>
  );
}
