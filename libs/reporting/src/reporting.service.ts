import { Injectable } from '@nestjs/common';
import { CaseStatus, OPEN_STATUSES } from '@app/cases';
import {
  addCalendarDays,
  BUSINESS_TIME_ZONE,
  businessDateOf,
  calendarDaysBetween,
  CHANNELS,
  startOfBusinessDay,
  startOfNextBusinessDay,
} from '@app/core';
import {
  BacklogReportDto,
  IntakeQueryDto,
  IntakeReportDto,
  MonthlyVolumesDto,
  MonthlyVolumesQueryDto,
  MonthRangeQueryDto,
  SlaReportDto,
  UnitBacklogDto,
  VisitCountsDto,
  VisitsReportDto,
  VisitsReportQueryDto,
} from './dto/report.dto';
import {
  addMonths,
  firstDayOf,
  MonthRange,
  monthOf,
  openOverdueByMonth,
  peakOf,
  reportMonths,
} from './domain/report-months';
import { ReportingStore, VisitMonthRow } from './reporting.store';

/** The key of cases without a unit when grouping by unit: no unit code can look like it. */
export const NO_UNIT_KEY = '(none)';
const ISO_MONDAY = 1;

/** The reports supervisors plan with, read from the rollups (see ReportingStore). */
@Injectable()
export class ReportingService {
  constructor(private readonly store: ReportingStore) {}

  async monthlyVolumes(query: MonthlyVolumesQueryDto, now = new Date()): Promise<MonthlyVolumesDto> {
    const range = reportMonths(query, now);
    const rows = await this.store.receivedByMonth(firstDayOf(range.from), dayAfter(range), query, query.groupBy);
    const keys = [...new Set(rows.map((row) => row.key ?? NO_UNIT_KEY))].sort();
    const byMonth = new Map<string, typeof rows>();
    for (const row of rows) {
      const ofMonth = byMonth.get(row.month);
      if (ofMonth) ofMonth.push(row);
      else byMonth.set(row.month, [row]);
    }
    const months = range.months.map((month) => {
      const ofMonth = byMonth.get(month) ?? [];
      const total = ofMonth.reduce((sum, row) => sum + row.total, 0);
      if (!query.groupBy) return { month, total };
      const groups = Object.fromEntries(keys.map((key) => [key, 0]));
      for (const row of ofMonth) groups[row.key ?? NO_UNIT_KEY] = row.total;
      return { month, total, groups };
    });
    return {
      timezone: BUSINESS_TIME_ZONE,
      from: range.from,
      to: range.to,
      ...(query.groupBy ? { groupBy: query.groupBy } : {}),
      total: months.reduce((sum, month) => sum + month.total, 0),
      months,
      peak: peakOf(months),
    };
  }

  /** Visits per Europe/Warsaw month of their start, by what became of them; optionally per office or service. */
  async visits(query: VisitsReportQueryDto, now = new Date()): Promise<VisitsReportDto> {
    const range = reportMonths(query, now);
    const rows = await this.store.visitsByMonth(firstDayOf(range.from), dayAfter(range), query.groupBy);
    const keys = [...new Set(rows.map((row) => row.key ?? ''))].sort();
    const months = range.months.map((month) => {
      const ofMonth = rows.filter((row) => row.month === month);
      const counts = sumVisits(ofMonth);
      if (!query.groupBy) return { month, ...counts };
      const groups = Object.fromEntries(
        keys.map((key) => [key, sumVisits(ofMonth.filter((row) => (row.key ?? '') === key))]),
      );
      return { month, ...counts, groups };
    });
    return {
      timezone: BUSINESS_TIME_ZONE,
      from: range.from,
      to: range.to,
      ...(query.groupBy ? { groupBy: query.groupBy } : {}),
      months,
      total: sumCounts(months),
    };
  }

  async sla(query: MonthRangeQueryDto, now = new Date()): Promise<SlaReportDto> {
    const range = reportMonths(query, now);
    const [rows, overdueNow] = await Promise.all([
      this.store.slaByMonth(dayAfter(range)),
      this.store.openOverdueAt(now),
    ]);
    const byMonth = new Map(rows.map((row) => [row.month, row]));
    const openOverdue = openOverdueByMonth(
      new Map(rows.map((row) => [row.month, row.overdue])),
      range,
      monthOf(businessDateOf(now)),
      overdueNow,
    );
    return {
      timezone: BUSINESS_TIME_ZONE,
      from: range.from,
      to: range.to,
      months: range.months.map((month, index) => {
        const row = byMonth.get(month);
        const onTime = row?.resolved_on_time ?? 0;
        const late = row?.resolved_late ?? 0;
        return {
          month,
          resolved: onTime + late,
          resolvedOnTime: onTime,
          resolvedLate: late,
          openOverdue: openOverdue[index],
        };
      }),
    };
  }

  async backlog(now = new Date()): Promise<BacklogReportDto> {
    const today = businessDateOf(now);
    const rows = await this.store.backlog();
    const units = rows.map((row): UnitBacklogDto => {
      const count = (status: CaseStatus) => row.by_status[status] ?? 0;
      return {
        unitCode: row.unit_code,
        open: OPEN_STATUSES.reduce((sum, status) => sum + count(status), 0),
        byStatus: {
          new: count('new'),
          assigned: count('assigned'),
          in_progress: count('in_progress'),
          waiting: count('waiting'),
        },
        oldestReceivedAt: row.oldest?.toISOString() ?? null,
        oldestAgeDays: row.oldest ? Math.max(0, calendarDaysBetween(businessDateOf(row.oldest), today)) : null,
      };
    });
    return { asOf: now.toISOString(), units };
  }

  /** A day's intake per hour and channel, and its week's per day: the supervisors' view of the load as it grows. */
  async intake(query: IntakeQueryDto, now = new Date()): Promise<IntakeReportDto> {
    const date = query.date ?? businessDateOf(now);
    const monday = addCalendarDays(date, ISO_MONDAY - isoWeekday(date));
    const nextMonday = addCalendarDays(monday, 7);
    const dayStart = startOfBusinessDay(date);
    const dayEnd = startOfNextBusinessDay(date);
    const [hourRows, dayRows] = await Promise.all([
      this.store.receivedByHour(dayStart, dayEnd),
      this.store.receivedByDay(monday, nextMonday),
    ]);
    const hours = [];
    for (let hour = dayStart.getTime(); hour < dayEnd.getTime(); hour += 3_600_000) {
      const counts = byChannel(hourRows.filter((row) => row.hour.getTime() === hour));
      hours.push({ from: new Date(hour).toISOString(), hour: localHour(hour), ...counts });
    }
    const days = Array.from({ length: 7 }, (_, offset) => {
      const day = addCalendarDays(monday, offset);
      return { date: day, ...byChannel(dayRows.filter((row) => row.day === day)) };
    });
    const today = days.find((day) => day.date === date)!;
    return {
      timezone: BUSINESS_TIME_ZONE,
      date,
      total: today.total,
      byChannel: today.byChannel,
      hours,
      week: {
        from: monday,
        to: addCalendarDays(monday, 6),
        total: days.reduce((sum, day) => sum + day.total, 0),
        days,
      },
    };
  }
}

/** The first day after the range's last month, as the exclusive end of a date range. */
function sumVisits(rows: VisitMonthRow[]): VisitCountsDto {
  return sumCounts(
    rows.map((row) => ({
      booked: row.booked,
      checkedIn: row.checked_in,
      cancelled: row.cancelled,
      noShow: row.no_show,
    })),
  );
}

function sumCounts(counts: VisitCountsDto[]): VisitCountsDto {
  const total = { booked: 0, checkedIn: 0, cancelled: 0, noShow: 0 };
  for (const count of counts) {
    total.booked += count.booked;
    total.checkedIn += count.checkedIn;
    total.cancelled += count.cancelled;
    total.noShow += count.noShow;
  }
  return total;
}

function dayAfter(range: MonthRange): string {
  return firstDayOf(addMonths(range.to, 1));
}

function byChannel(rows: { channel: string; received: number }[]): {
  total: number;
  byChannel: Record<string, number>;
} {
  const counts: Record<string, number> = Object.fromEntries(CHANNELS.map((channel) => [channel, 0]));
  for (const row of rows) counts[row.channel] += row.received;
  return { total: rows.reduce((sum, row) => sum + row.received, 0), byChannel: counts };
}

function isoWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

const localHourFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: BUSINESS_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function localHour(instant: number): string {
  return localHourFormat.format(new Date(instant));
}
