import { queryOf } from '../../api/client';
import { type Case, OPEN_STATUSES, type Page } from '../../api/types';
import type { Loaded } from '../../hooks/use-api';
import { useI18n } from '../../i18n/i18n';
import { warsawToday } from '../../i18n/warsaw-time';
import { StatusBadge } from '../../ui/badges';
import { CaseLink } from '../../ui/links';
import { DataTable } from '../../ui/table';
import { ReportSection } from './report-parts';

export const OVERDUE_PATH = '/cases?sla=overdue&limit=50';

/** The newest overdue cases, each a link to its page; the download is every open case (exports know no SLA). */
export function OverdueSection({
  report,
  unitName,
}: {
  report: Loaded<Page<Case>>;
  unitName: (code: string | null) => string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ReportSection
      id="overdue-title"
      title={t('dashboard.overdue.title')}
      download={{
        path: `/exports/cases${queryOf({ status: OPEN_STATUSES.join(',') })}`,
        fileName: `open-cases-${warsawToday()}.csv`,
        what: t('dashboard.overdue.csv'),
      }}
      note={t('dashboard.overdue.csvNote')}
      report={report}
    >
      {(page) =>
        page.items.length ? (
          <>
            <DataTable class="report-table" caption={t('dashboard.overdue.caption')} testId="overdue-cases">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.overdue.number')}</th>
                  <th scope="col">{t('dashboard.overdue.subject')}</th>
                  <th scope="col">{t('dashboard.unit')}</th>
                  <th scope="col">{t('dashboard.overdue.due')}</th>
                  <th scope="col">{t('dashboard.overdue.assignee')}</th>
                  <th scope="col">{t('dashboard.overdue.status')}</th>
                  <th scope="col">{t('dashboard.overdue.priority')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((item) => (
                  <tr key={item.id} data-case={item.number}>
                    <td>
                      <CaseLink number={item.number} />
                    </td>
                    <td>{item.subject}</td>
                    <td>{unitName(item.unitCode)}</td>
                    <td class="date">{item.dueDate ? i18n.date(item.dueDate) : '—'}</td>
                    <td>{item.assignee ?? '—'}</td>
                    <td>
                      <StatusBadge status={item.status} />
                    </td>
                    <td>{t(`priority.${item.priority}`)}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            {page.nextCursor && (
              <p>
                <a href="/staff/cases?sla=overdue">{t('dashboard.overdue.all')}</a>
              </p>
            )}
          </>
        ) : (
          <p>{t('dashboard.overdue.none')}</p>
        )
      }
    </ReportSection>
  );
}
