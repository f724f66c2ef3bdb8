import { queryOf } from '../../api/client';
import type { SlaReport } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { Loaded } from '../../hooks/use-api';
import { DataTable } from '../../ui/table';
import type { DashboardRange } from './range-form';
import { ReportSection } from './report-parts';

/** Per month: cases resolved, on time and late, the share on time, and the cases left overdue at its end. */
export function SlaSection({ report, range }: { report: Loaded<SlaReport>; range: DashboardRange }) {
  const i18n = useI18n();
  const { t } = i18n;
  const count = (value: number | null) => (value === null ? '—' : i18n.number(value));
  const shareOnTime = (onTime: number, resolved: number) =>
    resolved ? t('dashboard.percent', { value: Math.round((onTime / resolved) * 1000) / 10 }) : '—';
  return (
    <ReportSection
      id="sla-title"
      title={t('dashboard.sla.title')}
      download={{
        path: `/reports/sla${queryOf({ from: range.from, to: range.to })}`,
        fileName: `sla-${range.from}-${range.to}.csv`,
        what: t('dashboard.sla.title'),
      }}
      report={report}
    >
      {(sla) => (
        <DataTable
          class="report-table"
          caption={t('dashboard.sla.caption', { from: i18n.month(range.from), to: i18n.month(range.to) })}
          testId="sla-table"
        >
          <thead>
            <tr>
              <th scope="col">{t('dashboard.month')}</th>
              <th scope="col" class="num">
                {t('dashboard.sla.resolved')}
              </th>
              <th scope="col" class="num">
                {t('dashboard.sla.onTime')}
              </th>
              <th scope="col" class="num">
                {t('dashboard.sla.late')}
              </th>
              <th scope="col" class="num">
                {t('dashboard.sla.share')}
              </th>
              <th scope="col" class="num">
                {t('dashboard.sla.openOverdue')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sla.months.map((month) => (
              <tr key={month.month} data-month={month.month}>
                <th scope="row">{i18n.month(month.month)}</th>
                <td class="num">{count(month.resolved)}</td>
                <td class="num">{count(month.resolvedOnTime)}</td>
                <td class="num">{count(month.resolvedLate)}</td>
                <td class="num">{shareOnTime(month.resolvedOnTime, month.resolved)}</td>
                <td class="num">{count(month.openOverdue)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </ReportSection>
  );
}
