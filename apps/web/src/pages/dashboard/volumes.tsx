import { useMemo } from 'preact/hooks';
import { queryOf } from '../../api/client';
import type { MonthlyVolumes } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { Loaded } from '../../hooks/use-api';
import { DataTable } from '../../ui/table';
import type { DashboardRange } from './range-form';
import { ReportSection } from './report-parts';
import { VolumeChart, type Peak } from './volume-chart';
import { isGrouped, seriesOf, type Series } from './volume-series';

/** Cases received per month: the peak, the bar chart and the same numbers as a table. */
export function VolumesSection({
  report,
  range,
  groupLabel,
}: {
  report: Loaded<MonthlyVolumes>;
  range: DashboardRange;
  groupLabel: (key: string) => string;
}) {
  const { t } = useI18n();
  const grouping = range.groupBy ? `-by-${range.groupBy}` : '';
  return (
    <ReportSection
      id="volumes-title"
      title={t('dashboard.volumes.title')}
      download={{
        path: `/reports/monthly-volumes${queryOf(range)}`,
        fileName: `monthly-volumes-${range.from}-${range.to}${grouping}.csv`,
        what: t('dashboard.volumes.title'),
      }}
      report={report}
    >
      {(volumes) => <Volumes volumes={volumes} groupLabel={groupLabel} groupBy={range.groupBy} />}
    </ReportSection>
  );
}

function Volumes({
  volumes,
  groupLabel,
  groupBy,
}: {
  volumes: MonthlyVolumes;
  groupLabel: (key: string) => string;
  groupBy: DashboardRange['groupBy'];
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const series = useMemo(
    () => seriesOf(volumes, { total: t('dashboard.volumes.cases'), other: t('dashboard.group.other'), of: groupLabel }),
    [volumes, groupLabel, t],
  );
  const months = useMemo(() => volumes.months.map((month) => month.month), [volumes]);
  const peak = useMemo<Peak | null>(
    // A range without cases has no peak worth marking (the api names its first month).
    () => (volumes.total ? { index: months.indexOf(volumes.peak.month), total: volumes.peak.total } : null),
    [volumes, months],
  );
  const peakText = volumes.total
    ? t('dashboard.peak', { month: i18n.month(volumes.peak.month), count: volumes.peak.total })
    : t('dashboard.volumes.none');
  const range = { from: i18n.month(volumes.from), to: i18n.month(volumes.to) };
  const chartLabel = [
    t('dashboard.chart.label', { ...range, total: volumes.total }),
    isGrouped(series) && groupBy ? t('dashboard.chart.stacked', { groupBy: t(`dashboard.groupBy.${groupBy}`) }) : '',
    peakText,
    t('dashboard.chart.seeTable'),
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <p class="peak-line" data-testid="volume-peak">
        {peakText}
      </p>
      <VolumeChart months={months} series={series} peak={peak} label={chartLabel} />
      <VolumesTable volumes={volumes} series={series} caption={t('dashboard.volumes.caption', range)} />
    </>
  );
}

function VolumesTable({ volumes, series, caption }: { volumes: MonthlyVolumes; series: Series[]; caption: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const grouped = isGrouped(series);
  const isPeak = (month: string) => volumes.total > 0 && month === volumes.peak.month;
  return (
    <DataTable class="report-table" caption={caption} testId="volume-table">
      <thead>
        <tr>
          <th scope="col">{t('dashboard.month')}</th>
          {grouped &&
            series.map((one) => (
              <th key={one.key} scope="col" class="num">
                {one.label}
              </th>
            ))}
          <th scope="col" class="num">
            {grouped ? t('common.total') : t('dashboard.volumes.cases')}
          </th>
        </tr>
      </thead>
      <tbody>
        {volumes.months.map((month, index) => (
          <tr key={month.month} data-month={month.month} class={isPeak(month.month) ? 'is-peak' : undefined}>
            <th scope="row">
              {i18n.month(month.month)}
              {isPeak(month.month) && <span class="badge badge--peak">{t('dashboard.peakMark')}</span>}
            </th>
            {grouped &&
              series.map((one) => (
                <td key={one.key} class="num">
                  {i18n.number(one.values[index])}
                </td>
              ))}
            <td class="num" data-total={month.total}>
              {i18n.number(month.total)}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('common.total')}</th>
          {grouped &&
            series.map((one) => (
              <td key={one.key} class="num">
                {i18n.number(one.values.reduce((sum, value) => sum + value, 0))}
              </td>
            ))}
          <td class="num" data-total={volumes.total}>
            {i18n.number(volumes.total)}
          </td>
        </tr>
      </tfoot>
    </DataTable>
  );
}
