import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiProblem, get, queryOf } from '../../api/client';
import { CASE_STATUSES, CHANNELS, type Case, type Page } from '../../api/types';
import { useCatalogue } from '../../hooks/catalogue';
import { useI18n } from '../../i18n/i18n';
import { SlaBadge, StatusBadge } from '../../ui/badges';
import { SelectField, TextField } from '../../ui/fields';
import { ProblemNotice } from '../../ui/problem';

const FILTERS = [
  'q',
  'status',
  'unitCode',
  'categoryCode',
  'channel',
  'assignee',
  'sla',
  'receivedFrom',
  'receivedTo',
] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

function filtersOf(query: Record<string, string>): Filters {
  return Object.fromEntries(FILTERS.map((name) => [name, query[name] ?? ''])) as Filters;
}

/** Search and filters over cases; the filters live in the address, so a list can be bookmarked or sent on. */
export function CasesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { catalogue } = useCatalogue();
  const { query, route } = useLocation();
  const applied = filtersOf(query);
  const [filters, setFilters] = useState<Filters>(applied);
  const [page, setPage] = useState<Page<Case> | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const appliedKey = queryOf(applied);

  async function load(cursor?: string) {
    setBusy(true);
    setProblem(null);
    try {
      const next = await get<Page<Case>>(`/cases${queryOf({ ...applied, limit: 50, cursor })}`);
      setPage((current) =>
        cursor && current ? { items: [...current.items, ...next.items], nextCursor: next.nextCursor } : next,
      );
    } catch (error) {
      setProblem(error as ApiProblem);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    setFilters(applied);
    void load();
  }, [appliedKey]);

  const set = (name: keyof Filters) => (value: string) => setFilters((current) => ({ ...current, [name]: value }));
  const any = { value: '', label: t('cases.any') };
  const fieldError = (name: string) => problem?.fieldMessage(name);

  return (
    <>
      <section class="panel">
        <h1>{t('cases.title')}</h1>
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            route(`/staff/cases${queryOf(filters)}`);
          }}
        >
          <TextField
            label={t('cases.search')}
            hint={t('cases.searchHint')}
            type="search"
            value={filters.q}
            onValue={set('q')}
            error={fieldError('q')}
          />
          <div class="grid">
            <SelectField
              label={t('cases.status')}
              value={filters.status}
              onValue={set('status')}
              options={[any, ...CASE_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))]}
            />
            <SelectField
              label={t('cases.unit')}
              value={filters.unitCode}
              onValue={set('unitCode')}
              options={[any, ...(catalogue?.units ?? []).map((unit) => ({ value: unit.code, label: unit.name }))]}
            />
            <SelectField
              label={t('cases.category')}
              value={filters.categoryCode}
              onValue={set('categoryCode')}
              options={[
                any,
                ...(catalogue?.categories ?? []).map((category) => ({ value: category.code, label: category.name })),
              ]}
            />
            <SelectField
              label={t('cases.channel')}
              value={filters.channel}
              onValue={set('channel')}
              options={[any, ...CHANNELS.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))]}
            />
            <SelectField
              label={t('cases.assignee')}
              value={filters.assignee}
              onValue={set('assignee')}
              options={[any, { value: 'me', label: t('cases.mine') }, { value: 'none', label: t('cases.nobody') }]}
            />
            <SelectField
              label={t('cases.sla')}
              value={filters.sla}
              onValue={set('sla')}
              options={[
                any,
                ...(['overdue', 'due_soon', 'on_time'] as const).map((sla) => ({ value: sla, label: t(`sla.${sla}`) })),
              ]}
            />
            <TextField
              label={t('cases.from')}
              type="date"
              value={filters.receivedFrom}
              onValue={set('receivedFrom')}
              error={fieldError('receivedFrom')}
            />
            <TextField
              label={t('cases.to')}
              type="date"
              value={filters.receivedTo}
              onValue={set('receivedTo')}
              error={fieldError('receivedTo')}
            />
          </div>
          <div class="actions">
            <button class="button" type="submit">
              {t('common.search')}
            </button>
            <a class="button button--quiet" href="/staff/cases">
              {t('common.clear')}
            </a>
          </div>
        </form>
      </section>
      <section class="panel">
        <ProblemNotice problem={problem && !problem.errors.length ? problem : null} />
        {page && (
          <div class="table-wrap">
            <table>
              <caption>{t('cases.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cases.number')}</th>
                  <th scope="col">{t('cases.subject')}</th>
                  <th scope="col">{t('cases.status')}</th>
                  <th scope="col">{t('cases.category')}</th>
                  <th scope="col">{t('cases.unit')}</th>
                  <th scope="col">{t('cases.assignee')}</th>
                  <th scope="col">{t('cases.received')}</th>
                  <th scope="col">{t('cases.due')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <a href={`/staff/cases/${item.number}`}>{item.number}</a>
                    </td>
                    <td>{item.subject}</td>
                    <td>
                      <StatusBadge status={item.status} />
                    </td>
                    <td>{catalogue?.categoryName(item.categoryCode) ?? item.categoryCode}</td>
                    <td>{catalogue?.unitName(item.unitCode) ?? item.unitCode}</td>
                    <td>{item.assignee ?? '—'}</td>
                    <td>{i18n.dateTime(item.receivedAt)}</td>
                    <td>
                      {item.dueDate ? i18n.date(item.dueDate) : '—'} <SlaBadge sla={item.sla} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page && !page.items.length && <p>{t('cases.none')}</p>}
        {busy && <p>{t('common.loading')}</p>}
        {page?.nextCursor && !busy && (
          <button class="button button--quiet" type="button" onClick={() => load(page.nextCursor as string)}>
            {t('common.more')}
          </button>
        )}
      </section>
    </>
  );
}
