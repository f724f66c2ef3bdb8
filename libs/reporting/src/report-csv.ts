import { stringify } from 'csv-stringify/sync';
import { BacklogReportDto, MonthlyVolumesDto, SlaReportDto, VisitCountsDto, VisitsReportDto } from './dto/report.dto';

/** The reports as CSV tables (RFC 4180, header row): the same figures as their JSON, one row per month or unit. */

export function monthlyVolumesCsv(report: MonthlyVolumesDto): string {
  const keys = Object.keys(report.months[0]?.groups ?? {});
  return stringify([
    ['month', 'total', ...keys],
    ...report.months.map((month) => [month.month, month.total, ...keys.map((key) => month.groups![key])]),
  ]);
}

export function slaCsv(report: SlaReportDto): string {
  return stringify(report.months, {
    header: true,
    columns: ['month', 'resolved', 'resolvedOnTime', 'resolvedLate', 'openOverdue'],
  });
}

export function backlogCsv(report: BacklogReportDto): string {
  return stringify(
    report.units.map((unit) => [
      unit.unitCode,
      unit.open,
      unit.byStatus.new,
      unit.byStatus.assigned,
      unit.byStatus.in_progress,
      unit.byStatus.waiting,
      unit.oldestReceivedAt,
      unit.oldestAgeDays,
    ]),
    {
      header: true,
      columns: ['unitCode', 'open', 'new', 'assigned', 'in_progress', 'waiting', 'oldestReceivedAt', 'oldestAgeDays'],
    },
  );
}

const VISIT_COUNTS: (keyof VisitCountsDto)[] = ['booked', 'checkedIn', 'cancelled', 'noShow'];

/** One row per month; with `groupBy`, the four counts of each office or service follow, as `key:count` columns. */
export function visitsCsv(report: VisitsReportDto): string {
  const keys = Object.keys(report.months[0]?.groups ?? {});
  return stringify([
    ['month', ...VISIT_COUNTS, ...keys.flatMap((key) => VISIT_COUNTS.map((count) => `${key}:${count}`))],
    ...report.months.map((month) => [
      month.month,
      ...VISIT_COUNTS.map((count) => month[count]),
      ...keys.flatMap((key) => VISIT_COUNTS.map((count) => month.groups![key][count])),
    ]),
  ]);
}
