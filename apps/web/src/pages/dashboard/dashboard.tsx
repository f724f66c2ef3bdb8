import { useCallback } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { queryOf } from '../../api/client';
import {
  CHANNELS,
  type BacklogReport,
  type Case,
  type MonthlyVolumes,
  type Page,
  type SlaReport,
} from '../../api/types';
import { useCatalogue } from '../../hooks/catalogue';
import { type Loaded, useApi } from '../../hooks/use-api';
import { useI18n } from '../../i18n/i18n';
import { currentMonth } from '../../i18n/warsaw-time';
import { ProblemNotice } from '../../ui/problem';
import { BacklogSection } from './backlog-table';
import './dashboard.css';
import { OVERDUE_PATH, OverdueSection } from './overdue-cases';
import { type DashboardRange, RangeForm, rangeOf } from './range-form';
import { SlaSection } from './sla-table';
import { VolumesSection } from './volumes';

/** The supervisors' view of the load: cases per month with the peak, SLA, backlog per unit, what is overdue now. */
export function DashboardPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const range = rangeOf(query);
  const thisMonth = currentMonth();
  // This month's row counts the cases overdue now, whatever range is shown.
  const slaNow = useApi<SlaReport>(`/reports/sla${queryOf({ from: thisMonth, to: thisMonth })}`);
  const backlog = useApi<BacklogReport>('/reports/backlog');
  const overdue = useApi<Page<Case>>(OVERDUE_PATH);
  const { groupLabel, unitName } = useLabels(range);

  return (
    <>
      <section class="panel">
        <h1>{t('dashboard.title')}</h1>
        <p class="lead">{t('dashboard.lead')}</p>
        <RangeForm key={queryOf(range)} range={range} />
      </section>
      {/* Keyed by the range: a new range starts from "loading", never from the reports of the one before. */}
      <RangeReports key={queryOf(range)} range={range} groupLabel={groupLabel} backlog={backlog} slaNow={slaNow} />
      <BacklogSection report={backlog} unitName={unitName} />
      <OverdueSection report={overdue} unitName={unitName} />
    </>
  );
}

/** The tiles and the reports of the range chosen. */
function RangeReports({
  range,
  groupLabel,
  backlog,
  slaNow,
}: {
  range: DashboardRange;
  groupLabel: (key: string) => string;
  backlog: Loaded<BacklogReport>;
  slaNow: Loaded<SlaReport>;
}) {
  const volumes = useApi<MonthlyVolumes>(`/reports/monthly-volumes${queryOf(range)}`);
  const sla = useApi<SlaReport>(`/reports/sla${queryOf({ from: range.from, to: range.to })}`);
  return (
    <>
      <StatTiles volumes={volumes} backlog={backlog} slaNow={slaNow} />
      <VolumesSection report={volumes} range={range} groupLabel={groupLabel} />
      <SlaSection report={sla} range={range} />
    </>
  );
}

/** The names of channels, categories and units for the reports' codes. */
function useLabels(range: DashboardRange) {
  const { t } = useI18n();
  const { catalogue } = useCatalogue();
  const unitName = useCallback(
    (code: string | null) => (code ? (catalogue?.unitName(code) ?? code) : t('dashboard.group.noUnit')),
    [catalogue, t],
  );
  const groupLabel = useCallback(
    (key: string) => {
      if (range.groupBy === 'channel') {
        const channel = CHANNELS.find((known) => known === key);
        return channel ? t(`channel.${channel}`) : key;
      }
      if (range.groupBy === 'category') return catalogue?.categoryName(key) ?? key;
      // The api's key for cases of no unit.
      return key === '(none)' ? t('dashboard.group.noUnit') : unitName(key);
    },
    [range.groupBy, catalogue, unitName, t],
  );
  return { groupLabel, unitName };
}

function StatTiles({
  volumes,
  backlog,
  slaNow,
}: {
  volumes: Loaded<MonthlyVolumes>;
  backlog: Loaded<BacklogReport>;
  slaNow: Loaded<SlaReport>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const peak = volumes.data?.total ? volumes.data.peak : null;
  /** A tile's value: "…" while its report loads, "—" when the report failed or has nothing to show. */
  const valueOf = <T,>(report: Loaded<T>, format: (data: T) => string | null) =>
    report.data ? (format(report.data) ?? '—') : report.problem ? '—' : '…';
  const countOf = (value: number | null | undefined) =>
    value === null || value === undefined ? null : i18n.number(value);
  return (
    <section class="stats" aria-label={t('dashboard.stats')}>
      <Stat
        testId="stat-total"
        label={t('dashboard.stat.total')}
        value={valueOf(volumes, (data) => countOf(data.total))}
      />
      <Stat
        testId="stat-peak"
        label={t('dashboard.stat.peak')}
        value={valueOf(volumes, () => (peak ? i18n.month(peak.month) : null))}
        detail={peak ? t('dashboard.cases', { count: peak.total }) : undefined}
      />
      <Stat
        testId="stat-backlog"
        label={t('dashboard.stat.backlog')}
        value={valueOf(backlog, (data) => countOf(data.units.reduce((sum, unit) => sum + unit.open, 0)))}
      />
      <Stat
        testId="stat-overdue"
        label={t('dashboard.stat.overdue')}
        value={valueOf(slaNow, (data) => countOf(data.months.at(-1)?.openOverdue))}
      />
      {slaNow.problem && (
        <div class="stats__problem">
          <ProblemNotice problem={slaNow.problem} />
        </div>
      )}
    </section>
  );
}

function Stat({ testId, label, value, detail }: { testId: string; label: string; value: string; detail?: string }) {
  return (
    <div class="stat stat--label-first" data-testid={testId}>
      <span class="stat__label">{label}</span>
      <span class="stat__value">{value}</span>
      {detail && <span class="stat__detail">{detail}</span>}
    </div>
  );
}
