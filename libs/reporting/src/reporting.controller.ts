import { applyDecorators, Controller, Get, Headers, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '@app/core';
import { Roles } from '@app/identity';
import {
  BacklogReportDto,
  IntakeQueryDto,
  IntakeReportDto,
  MonthlyVolumesDto,
  MonthlyVolumesQueryDto,
  MonthRangeQueryDto,
  ReportFormatQueryDto,
  SlaReportDto,
  VisitsReportDto,
  VisitsReportQueryDto,
} from './dto/report.dto';
import { backlogCsv, monthlyVolumesCsv, slaCsv, visitsCsv } from './report-csv';
import { ReportingService } from './reporting.service';

const BAD_QUERY = {
  status: 400,
  description: 'A query parameter is not valid, or the range is over 120 months.',
} as const;

/** A report answered as JSON, or as CSV for `format=csv` or `Accept: text/csv`. */
function ApiReport(type: new () => object, summary: string, description: string) {
  return applyDecorators(
    ApiOperation({ summary, description }),
    ApiExtraModels(type),
    ApiProduces('application/json', 'text/csv'),
    ApiOkResponse({
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        'text/csv': { schema: { type: 'string' } },
      },
    }),
  );
}

/** Supervisors' reports: monthly load, SLA, backlog and today's intake, from the rollups (exact, and fast at any size). */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('supervisor', 'admin')
@Controller('reports')
export class ReportingController {
  constructor(private readonly reports: ReportingService) {}

  @Get('monthly-volumes')
  @ApiReport(
    MonthlyVolumesDto,
    'Cases received per month (Europe/Warsaw), optionally per channel, category or unit',
    'A case counts in the month of its `receivedAt` in Europe/Warsaw. Every month of the range is listed, zeros ' +
      'included; filters narrow the cases counted.',
  )
  @ApiProblems(BAD_QUERY)
  async monthlyVolumes(
    @Query() query: MonthlyVolumesQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MonthlyVolumesDto | string> {
    const report = await this.reports.monthlyVolumes(query);
    return wantsCsv(query, accept) ? sendCsv(reply, 'monthly-volumes', monthlyVolumesCsv(report)) : report;
  }

  @Get('sla')
  @ApiReport(
    SlaReportDto,
    'Cases resolved on time and late per month, and those open and overdue at each month’s end',
    '`resolved*` count cases by the Europe/Warsaw month of `resolvedAt` (on time: by `dueAt`); `openOverdue` the ' +
      'cases open at the month’s end (this month: now) whose `dueAt` had passed by then.',
  )
  @ApiProblems(BAD_QUERY)
  async sla(
    @Query() query: MonthRangeQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SlaReportDto | string> {
    const report = await this.reports.sla(query);
    return wantsCsv(query, accept) ? sendCsv(reply, 'sla', slaCsv(report)) : report;
  }

  @Get('visits')
  @ApiReport(
    VisitsReportDto,
    'Visits at the offices per month (Europe/Warsaw), by what became of them; optionally per office or service',
    'A visit counts in the month of its start; `booked` counts every booking for the month, whatever became of it. ' +
      'Every month of the range is listed, zeros included.',
  )
  @ApiProblems(BAD_QUERY)
  async visits(
    @Query() query: VisitsReportQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VisitsReportDto | string> {
    const report = await this.reports.visits(query);
    return wantsCsv(query, accept) ? sendCsv(reply, 'visits', visitsCsv(report)) : report;
  }

  @Get('backlog')
  @ApiReport(BacklogReportDto, 'Open cases per unit and status, with the oldest', 'As of now.')
  @ApiProblems(BAD_QUERY)
  async backlog(
    @Query() query: ReportFormatQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BacklogReportDto | string> {
    const report = await this.reports.backlog();
    return wantsCsv(query, accept) ? sendCsv(reply, 'backlog', backlogCsv(report)) : report;
  }

  @Get('intake')
  @ApiOperation({
    summary: 'A day’s intake per hour and channel, and its week’s per day',
    description: 'Today by default: the load of the day as it grows, for the supervisors’ dashboard.',
  })
  @ApiOkResponse({ type: IntakeReportDto })
  @ApiProblems(BAD_QUERY)
  intake(@Query() query: IntakeQueryDto): Promise<IntakeReportDto> {
    return this.reports.intake(query);
  }
}

function wantsCsv(query: ReportFormatQueryDto, accept: string | undefined): boolean {
  return query.format ? query.format === 'csv' : /\btext\/csv\b/i.test(accept ?? '');
}

function sendCsv(reply: FastifyReply, name: string, csv: string): string {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${name}.csv"`);
  return csv;
}
