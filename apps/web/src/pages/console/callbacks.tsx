import { useState } from 'preact/hooks';
import { ApiProblem, request } from '../../api/client';
import type { ListedFollowUp, Page } from '../../api/types';
import { useApi } from '../../hooks/use-api';
import { useI18n } from '../../i18n/i18n';
import { CaseLink, PhoneLink } from '../../ui/links';
import { Loaded } from '../../ui/loaded';
import { ProblemNotice } from '../../ui/problem';
import { DataTable } from '../../ui/table';

/** The agent's due call-backs, oldest first, with what the call needs: the number to dial and why. */
export function CallbacksPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const due = useApi<Page<ListedFollowUp>>('/follow-ups?status=due&limit=200');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, string>>({});
  const [completed, setCompleted] = useState(false);

  async function complete(id: string) {
    setProblem(null);
    setCompleted(false);
    try {
      const outcome = outcomes[id]?.trim();
      await request(`/follow-ups/${id}/complete`, { method: 'POST', body: outcome ? { outcome } : {} });
      setCompleted(true);
      due.reload();
    } catch (error) {
      setProblem(error as ApiProblem);
    }
  }

  return (
    <section class="panel">
      <h1>{t('callbacks.title')}</h1>
      <ProblemNotice problem={problem} />
      {completed && (
        <div class="notice notice--ok" role="status">
          {t('callbacks.completed')}
        </div>
      )}
      <Loaded data={due.data} problem={due.problem}>
        {(page) =>
          page.items.length ? (
            <DataTable caption={t('callbacks.caption')} testId="callbacks">
              <thead>
                <tr>
                  <th scope="col">{t('callbacks.due')}</th>
                  <th scope="col">{t('callbacks.case')}</th>
                  <th scope="col">{t('callbacks.resident')}</th>
                  <th scope="col">{t('callbacks.phone')}</th>
                  <th scope="col">{t('callbacks.note')}</th>
                  <th scope="col">{t('callbacks.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((followUp) => (
                  <tr key={followUp.id}>
                    <td>{i18n.dateTime(followUp.dueAt)}</td>
                    <td>
                      <CaseLink number={followUp.caseNumber} />
                      <div>{followUp.caseSubject}</div>
                    </td>
                    <td>{followUp.residentName ?? '—'}</td>
                    <td>{followUp.residentPhone ? <PhoneLink phone={followUp.residentPhone} /> : '—'}</td>
                    <td>{followUp.note ?? ''}</td>
                    <td>
                      <form
                        class="actions"
                        onSubmit={(event) => {
                          event.preventDefault();
                          void complete(followUp.id);
                        }}
                      >
                        <label class="visually-hidden" for={`outcome-${followUp.id}`}>
                          {t('callbacks.outcomeOf', { number: followUp.caseNumber })}
                        </label>
                        <input
                          id={`outcome-${followUp.id}`}
                          value={outcomes[followUp.id] ?? ''}
                          onInput={(event) => {
                            const value = event.currentTarget.value;
                            setOutcomes((current) => ({ ...current, [followUp.id]: value }));
                          }}
                        />
                        <button class="button button--small" type="submit">
                          {t('callbacks.done')}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          ) : (
            <p>{t('callbacks.none')}</p>
          )
        }
      </Loaded>
    </section>
  );
}
