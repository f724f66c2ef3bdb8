import { type BacklogReport, OPEN_STATUSES } from '../../api/types';
import type { Loaded } from '../../hooks/use-api';
import { useI18n } from '../../i18n/i18n';
import { warsawToday } from '../../i18n/warsaw-time';
import { DataTable } from '../../ui/table';
import { ReportSection } from './report-parts';

/** Open cases per unit, the fullest first, with the age of the oldest. */
export function BacklogSection({
  report,
  unitName,
}: {
  report: Loaded<BacklogReport>;
  unitName: (code: string | null) => string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ReportSection
      id="backlog-title"
      title={t('dashboard.backlog.title')}
      download={{
        path: '/reports/backlog',
        fileName: `backlog-${warsawToday()}.csv`,
        what: t('dashboard.backlog.title'),
      }}
      report={report}
    >
      {(backlog) => {
        const units = [...backlog.units].sort(
          (a, b) => b.open - a.open || unitName(a.unitCode).localeCompare(unitName(b.unitCode)),
        );
        const sum = (count: (unit: BacklogReport['units'][number]) => number) =>
          i18n.number(units.reduce((total, unit) => total + count(unit), 0));
        return (
          <DataTable
            class="report-table"
            caption={t('dashboard.backlog.caption', { asOf: i18n.dateTime(backlog.asOf) })}
            testId="backlog-table"
          >
            <thead>
              <tr>
                <th scope="col">{t('dashboard.unit')}</th>
                <th scope="col" class="num">
                  {t('dashboard.backlog.open')}
                </th>
                {OPEN_STATUSES.map((status) => (
                  <th key={status} scope="col" class="num">
                    {t(`status.${status}`)}
                  </th>
                ))}
                <th scope="col">{t('dashboard.backlog.oldest')}</th>
                <th scope="col" class="num">
                  {t('dashboard.backlog.age')}
                </th>
              </tr>
            </thead>
            <tbody>
              {units.map((unit) => (
                <tr key={unit.unitCode ?? ''} data-unit={unit.unitCode ?? ''}>
                  <th scope="row">{unitName(unit.unitCode)}</th>
                  <td class="num" data-open={unit.open}>
                    {i18n.number(unit.open)}
                  </td>
                  {OPEN_STATUSES.map((status) => (
                    <td key={status} class="num">
                      {i18n.number(unit.byStatus[status])}
                    </td>
                  ))}
                  <td class="date">{unit.oldestReceivedAt ? i18n.dateTime(unit.oldestReceivedAt) : '—'}</td>
                  <td class="num">{unit.oldestAgeDays === null ? '—' : i18n.number(unit.oldestAgeDays)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('common.total')}</th>
                <td class="num">{sum((unit) => unit.open)}</td>
                {OPEN_STATUSES.map((status) => (
                  <td key={status} class="num">
                    {sum((unit) => unit.byStatus[status])}
                  </td>
                ))}
                <td />
                <td />
              </tr>
            </tfoot>
          </DataTable>
        );
      }}
    </ReportSection>
  );
}
