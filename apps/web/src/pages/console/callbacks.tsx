import { useEffect, useState } from 'preact/hooks';
import { ApiProblem, get, request } from '../../api/client';
import type { ListedFollowUp, Page } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { ProblemNotice } from '../../ui/problem';

/** The agent's due call-backs, oldest first, with what the call needs: the number to dial and why. */
export function CallbacksPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [page, setPage] = useState<Page<ListedFollowUp> | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);

  const load = () =>
    get<Page<ListedFollowUp>>('/follow-ups?status=due&limit=200').then(setPage, (error: ApiProblem) =>
      setProblem(error),
    );
  useEffect(() => void load(), []);

  async function complete(id: string) {
    setProblem(null);
    setNotice(null);
    try {
      const outcome = outcomes[id]?.trim();
      await request(`/follow-ups/${id}/complete`, { method: 'POST', body: outcome ? { outcome } : {} });
      setNotice(t('callbacks.completed'));
      await load();
    } catch (error) {
      setProblem(error as ApiProblem);
    }
  }

  return (
    <section class="panel">
      <h1>{t('callbacks.title')}</h1>
      <ProblemNotice problem={problem} />
      {notice && (
        <div class="notice notice--ok" role="status">
          {notice}
        </div>
      )}
      {!page && !problem && <p>{t('common.loading')}</p>}
      {page && !page.items.length && <p>{t('callbacks.none')}</p>}
      {page && page.items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t('callbacks.caption')}</caption>
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
                    <a href={`/staff/cases/${followUp.caseNumber}`}>{followUp.caseNumber}</a>
                    <div>{followUp.caseSubject}</div>
                  </td>
                  <td>{followUp.residentName ?? '—'}</td>
                  <td>
                    {followUp.residentPhone ? (
                      <a href={`tel:${followUp.residentPhone.replace(/[^0-9+]/g, '')}`}>{followUp.residentPhone}</a>
                    ) : (
                      '—'
                    )}
                  </td>
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
                        {t('callbacks.outcome')} ({followUp.caseNumber})
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
          </table>
        </div>
      )}
    </section>
  );
}
