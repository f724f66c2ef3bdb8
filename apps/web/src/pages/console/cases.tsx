import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiProblem, get, queryOf } from '../../api/client';
import { CASE_STATUSES, CHANNELS, type Case, type Page } from '../../api/types';
import { useCatalogue } from '../../hooks/catalogue';
import { useApi } from '../../hooks/use-api';
import { useI18n } from '../../i18n/i18n';
import { SlaBadge, StatusBadge } from '../../ui/badges';
import { SelectField, TextField } from '../../ui/fields';
import { CaseLink } from '../../ui/links';
import { Loading } from '../../ui/loaded';
import { ProblemNotice } from '../../ui/problem';
import { DataTable } from '../../ui/table';

/** The filters kept in the address, so that a list can be bookmarked or sent on. */
const ADDRESS_FILTERS = [
  'status',
  'unitCode',
  'categoryCode',
  'channel',
  'assignee',
  'sla',
  'receivedFrom',
  'receivedTo',
] as const;
/** …and the search text, kept in the page only: a name or a phone never lands in the address or the history. */
type Filters = Record<(typeof ADDRESS_FILTERS)[number] | 'q', string>;

function addressFiltersOf(query: Record<string, string>): Omit<Filters, 'q'> {
  return Object.fromEntries(ADDRESS_FILTERS.map((name) => [name, query[name] ?? ''])) as Omit<Filters, 'q'>;
}

/** Pages after the first of one list (the path of its first page says which list). */
interface MorePages {
  path: string;
  items: Case[];
  nextCursor: string | null;
}

/** Search and filters over cases, newest first, 50 at a time. */
export function CasesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { catalogue } = useCatalogue();
  const { query, route } = useLocation();
  const [search, setSearch] = useState('');
  const applied: Filters = { ...addressFiltersOf(query), q: search };
  const [filters, setFilters] = useState<Filters>(applied);
  const firstPath = `/cases${queryOf({ ...applied, limit: 50 })}`;
  const first = useApi<Page<Case>>(firstPath);
  const [more, setMore] = useState<MorePages | null>(null);
  const [moreProblem, setMoreProblem] = useState<ApiProblem | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => setFilters(applied), [firstPath]);

  // Pages fetched for an earlier list are never shown under a newer one.
  const extra = more?.path === firstPath ? more : null;
  const items = [...(first.data?.items ?? []), ...(extra?.items ?? [])];
  const nextCursor = extra ? extra.nextCursor : (first.data?.nextCursor ?? null);

  async function loadMore(cursor: string) {
    const path = firstPath;
    setLoadingMore(true);
    setMoreProblem(null);
    try {
      const next = await get<Page<Case>>(`/cases${queryOf({ ...applied, limit: 50, cursor })}`);
      setMore((current) => ({
        path,
        items: [...(current?.path === path ? current.items : []), ...next.items],
        nextCursor: next.nextCursor,
      }));
    } catch (error) {
      setMoreProblem(error as ApiProblem);
    } finally {
      setLoadingMore(false);
    }
  }

  const problem = first.problem ?? moreProblem;
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
            const { q, ...addressFilters } = filters;
            setSearch(q);
            route(`/staff/cases${queryOf(addressFilters)}`);
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
        {first.data && (
          <DataTable caption={t('cases.caption')} testId="cases">
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
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <CaseLink number={item.number} />
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
          </DataTable>
        )}
        {first.data && !items.length && <p>{t('cases.none')}</p>}
        {((!first.data && !first.problem) || loadingMore) && <Loading />}
        {nextCursor && !loadingMore && (
          <button class="button button--quiet" type="button" onClick={() => loadMore(nextCursor)}>
            {t('common.more')}
          </button>
        )}
      </section>
    </>
  );
}
