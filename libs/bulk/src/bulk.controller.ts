import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { ApiProblems, CSV_MEDIA_TYPE, DomainError, ReadsCsvStream } from '@app/core';
import { CurrentUser, Roles, StaffUser } from '@app/identity';
import { IMPORT_COLUMNS } from './domain/import-row';
import { ExportCasesQueryDto, ImportResultDto } from './dto/bulk.dto';
import { ExportCases } from './use-cases/export-cases.use-case';
import { fileTooLarge, ImportCases, MAX_LISTED_PROBLEMS } from './use-cases/import-cases.use-case';

/** The largest file the api takes (a year of history is some 20 MB), counted as it is read. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
const MAX_IMPORT_MB = MAX_IMPORT_BYTES / (1024 * 1024);

@ApiTags('bulk')
@ApiBearerAuth()
@Roles('supervisor', 'admin')
@Controller()
export class BulkController {
  constructor(
    private readonly importCases: ImportCases,
    private readonly exportCases: ExportCases,
  ) {}

  @Post('imports/cases')
  @ReadsCsvStream()
  @ApiOperation({
    summary: "Imports cases from another system's history (CSV), all or nothing",
    description:
      `A \`text/csv\` body (UTF-8, RFC 4180, header row) of up to ${MAX_IMPORT_MB} MB with the columns ` +
      `\`${IMPORT_COLUMNS.join(',')}\`. Instants need an offset (\`Z\` or \`±hh:mm\`); \`resolved_at\` is ` +
      'required for `resolved` and `closed` rows and empty otherwise. Any invalid row refuses the whole file and ' +
      'nothing is stored. A row whose `external_ref` was imported before is a duplicate and changes nothing, so ' +
      "the same file may be sent again. Imported cases take their category's unit, nobody's desk and priority " +
      '`normal`; their number is of the Europe/Warsaw year of `received_at`; routing rules, assignment, SLA timers ' +
      'and follow-ups do not apply to history.',
  })
  @ApiConsumes(CSV_MEDIA_TYPE)
  @ApiBody({
    required: true,
    schema: {
      type: 'string',
      example:
        `${IMPORT_COLUMNS.join(',')}\r\n` +
        'CRM-2019-0001,2019-12-31T23:30:00Z,phone,pothole,Dziura na ul. Grunwaldzkiej,,closed,2020-01-08T10:00:00+01:00\r\n',
    },
  })
  @ApiCreatedResponse({ type: ImportResultDto })
  @ApiProblems(
    {
      status: 400,
      description:
        `The file is not valid: \`errors\` names the row (1: the first after the header; 0: the header) and the ` +
        `column of each problem, at most ${MAX_LISTED_PROBLEMS}; \`detail\` says how many rows are wrong. A row ` +
        'repeating the `external_ref` of an earlier one is wrong too. Nothing was stored.',
    },
    { status: 413, description: `The file is larger than ${MAX_IMPORT_MB} MB.` },
    { status: 415, description: 'The body is not `text/csv` in UTF-8.' },
    { status: 429, description: 'Another import is under way in this api process; try again after Retry-After.' },
  )
  async import(
    @Req() request: FastifyRequest,
    @CurrentUser() actor: StaffUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportResultDto> {
    const body = csvBody(request);
    // An answer before the whole body is read ends the connection: the client may still be sending.
    if (Number(request.headers['content-length']) > MAX_IMPORT_BYTES) {
      reply.header('Connection', 'close');
      throw fileTooLarge(MAX_IMPORT_BYTES);
    }
    try {
      return await this.importCases.execute(body, actor.username, { maxBytes: MAX_IMPORT_BYTES });
    } catch (error) {
      if (!body.readableEnded) reply.header('Connection', 'close');
      throw error;
    }
  }

  @Get('exports/cases')
  @ApiOperation({
    summary: 'Exports cases as CSV (the filters of GET /cases), oldest first',
    description:
      'Streams every case the filters let through, however many, as `text/csv` (RFC 4180, header row): ' +
      '`number,external_ref,received_at,channel,category_code,unit_code,status,priority,subject,description,' +
      'resolved_at,closed_at,due_date,due_at,assignee`. Instants are UTC (`2026-06-01T07:30:00.000Z`), `due_date` ' +
      "a Europe/Warsaw date, empty fields null. No resident's details.",
  })
  @ApiProduces(CSV_MEDIA_TYPE)
  // How `status` is written (not expressible on the DTO's property): several values, comma-separated.
  @ApiQuery({ name: 'status', required: false, style: 'form', explode: false })
  @ApiOkResponse({
    description: 'The cases, as a CSV attachment.',
    content: { [CSV_MEDIA_TYPE]: { schema: { type: 'string' } } },
    headers: {
      'Content-Disposition': {
        description: '`attachment; filename="cases.csv"`',
        required: true,
        schema: { type: 'string' },
      },
    },
  })
  @ApiProblems(
    { status: 400, description: 'A filter is not valid, or is none of these (see `errors`).' },
    { status: 429, description: 'Two exports are under way in this api process; try again after Retry-After.' },
  )
  async export(@Query() query: ExportCasesQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const csv = await this.exportCases.execute(query);
    // Fastify pipes the stream with backpressure, and destroys it if the client goes away (its connection is then
    // closed, see Sql.copyOut).
    void reply
      .header('Content-Type', `${CSV_MEDIA_TYPE}; charset=utf-8`)
      .header('Content-Disposition', 'attachment; filename="cases.csv"')
      .send(csv);
  }
}

/** The unread CSV body; anything else (JSON, no body, another charset) is refused. */
function csvBody(request: FastifyRequest): Readable {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (!(request.body instanceof Readable) || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new DomainError(
      'unsupported_media_type',
      'Send the file as text/csv in UTF-8 (Content-Type: text/csv; charset=utf-8).',
      'unsupported_media_type',
    );
  }
  return request.body;
}
