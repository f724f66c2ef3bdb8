import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  HeadersObject,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '@app/core';
import { CurrentUser, Roles, StaffUser } from '@app/identity';
import {
  AssignDto,
  CaseDto,
  CaseHistoryDto,
  CasePageDto,
  CreateCaseDto,
  CreatedCaseDto,
  CreateNoteDto,
  ListCasesQueryDto,
  NoteDto,
  RouteDto,
  TrackingCodeDto,
  TransitionDto,
  UpdateCaseDto,
} from './dto/case.dto';
import { ApiCaseNumber, BAD_NUMBER, BAD_NUMBER_OR_BODY, NO_SUCH_CASE } from './case-api-docs';
import { etagOf, optionalIfMatch, requireIfMatch } from './if-match';
import { IDEMPOTENCY_KEY_PATTERN, requestFingerprint, validateIdempotencyKey } from './intake/idempotency';
import { AssignCase } from './use-cases/assign-case.use-case';
import { CaseQueries } from './use-cases/case-queries';
import { AddNote, ReissueTrackingCode } from './use-cases/case-notes.use-case';
import { EditCase } from './use-cases/edit-case.use-case';
import { IntakeCase } from './use-cases/intake-case.use-case';
import { RouteCase } from './use-cases/route-case.use-case';
import { TransitionCase } from './use-cases/transition-case.use-case';

const IF_MATCH_HEADER = {
  name: 'If-Match',
  required: false,
  description: 'The ETag of the case as you read it (`"<version>"`); the change is refused (412) if it is not current.',
  schema: { type: 'string', example: '"3"' },
};
const ETAG: HeadersObject = {
  ETag: {
    description: 'The version of the case, quoted: send it as If-Match.',
    required: true,
    schema: { type: 'string' },
  },
};
const BUSY = 'Others are changing the case right now; try again.';

@ApiTags('cases')
@ApiBearerAuth()
@ApiProblems({ status: 403, description: 'A unit member whose account belongs to no unit sees no case.' })
@Controller('cases')
export class CasesController {
  constructor(
    private readonly intakeCase: IntakeCase,
    private readonly queries: CaseQueries,
    private readonly editCase: EditCase,
    private readonly transitionCase: TransitionCase,
    private readonly routeCase: RouteCase,
    private readonly assignCase: AssignCase,
    private readonly addNoteToCase: AddNote,
    private readonly reissueCode: ReissueTrackingCode,
  ) {}

  @Post()
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({
    summary: "Logs a resident's case",
    description: 'A repeat with the same Idempotency-Key and body returns the first answer again, storing nothing.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '1..200 visible ASCII characters; the answer is replayed for 24 hours.',
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
  })
  @ApiCreatedResponse({
    type: CreatedCaseDto,
    headers: {
      ...ETAG,
      Location: { description: 'Where the case is read.', required: true, schema: { type: 'string' } },
      'Idempotent-Replayed': {
        description: '`true` when this is the first answer to the same Idempotency-Key, replayed.',
        schema: { type: 'string', enum: ['true'] },
      },
    },
  })
  @ApiProblems(
    { status: 400, description: 'The body or the Idempotency-Key is not valid (see `errors`), or names no category.' },
    { status: 409, description: 'A request with the same Idempotency-Key is being settled right now; try again.' },
    422,
    {
      status: 503,
      description:
        'The database is unavailable for a moment; the case may or may not be stored: retry after Retry-After ' +
        'seconds with the same Idempotency-Key.',
    },
  )
  async create(
    @Body() body: CreateCaseDto,
    @CurrentUser() actor: StaffUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedCaseDto> {
    const idempotency =
      idempotencyKey === undefined
        ? undefined
        : { key: validateIdempotencyKey(idempotencyKey), fingerprint: requestFingerprint('POST /cases', request.body) };
    const result = await this.intakeCase.execute(body, actor, idempotency);
    reply.status(result.statusCode);
    if (result.replayed) reply.header('Idempotent-Replayed', 'true');
    reply.header('Location', `/api/v1/cases/${result.body.number}`);
    return withEtag(reply, result.body);
  }

  @Get()
  @ApiOperation({
    summary: 'Finds cases: newest first, or with `sort=due` the inbox order',
    description:
      '`sort=due` lists open cases only, soonest deadline first, then the most urgent. `unit_staff` see their ' +
      "own unit's cases only, whatever the filters.",
  })
  // How `status` is written (not expressible on the DTO's property): several values, comma-separated.
  @ApiQuery({ name: 'status', required: false, style: 'form', explode: false })
  @ApiOkResponse({ type: CasePageDto })
  @ApiProblems({ status: 400, description: 'A filter, `limit` or `cursor` is not valid (see `errors`).' })
  list(@Query() query: ListCasesQueryDto, @CurrentUser() actor: StaffUser): Promise<CasePageDto> {
    return this.queries.list(query, actor);
  }

  @Get(':number')
  @ApiOperation({ summary: 'Reads a case' })
  @ApiCaseNumber()
  @ApiOkResponse({ type: CaseDto, headers: ETAG })
  @ApiProblems(BAD_NUMBER, NO_SUCH_CASE)
  async get(
    @Param('number') number: string,
    @CurrentUser() actor: StaffUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDto> {
    return withEtag(reply, await this.queries.get(number, actor));
  }

  @Patch(':number')
  @ApiOperation({ summary: 'Changes the fields sent, nothing else' })
  @ApiCaseNumber()
  @ApiHeader({ ...IF_MATCH_HEADER, required: true })
  @ApiOkResponse({ type: CaseDto, headers: ETAG })
  @ApiProblems(BAD_NUMBER_OR_BODY, NO_SUCH_CASE, 412, 428)
  async update(
    @Param('number') number: string,
    @Body() body: UpdateCaseDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() actor: StaffUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDto> {
    return withEtag(reply, await this.editCase.execute(number, body, actor, requireIfMatch(ifMatch)));
  }

  @Post(':number/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Moves the case to another status' })
  @ApiCaseNumber()
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: CaseDto, headers: ETAG })
  @ApiProblems(BAD_NUMBER_OR_BODY, NO_SUCH_CASE, 412, {
    status: 409,
    description: `The transition is not allowed from the current status, or the case has no unit yet. Or: ${BUSY}`,
  })
  async transition(
    @Param('number') number: string,
    @Body() body: TransitionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() actor: StaffUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDto> {
    return withEtag(reply, await this.transitionCase.execute(number, body, actor, optionalIfMatch(ifMatch)));
  }

  @Post(':number/route')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-routes the case: by hand to `unitCode`, or without it by the routing rules',
    description:
      'The case becomes `assigned` in its new unit, to the available member of staff with the fewest open cases ' +
      "(or to nobody: the unit's queue). Leaving `waiting` this way moves the deadline on by the wait.",
  })
  @ApiCaseNumber()
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: CaseDto, headers: ETAG })
  @ApiProblems(BAD_NUMBER_OR_BODY, NO_SUCH_CASE, 412, {
    status: 409,
    description:
      'A resolved or closed case is not re-routed, nor one already with that unit, nor one for which neither a ' +
      `rule nor the category names a unit. Or: ${BUSY}`,
  })
  async route(
    @Param('number') number: string,
    @Body() body: RouteDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() actor: StaffUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDto> {
    return withEtag(reply, await this.routeCase.execute(number, body, actor, optionalIfMatch(ifMatch)));
  }

  @Post(':number/assign')
  @HttpCode(200)
  @Roles('supervisor', 'admin', 'unit_staff')
  @ApiOperation({
    summary: 'Hands the case to another member of its unit, or back to the unit to be assigned afresh',
    description:
      "With `assignee`, to that member of the unit's staff (`me`: yourself, e.g. taking a case from the queue). " +
      'Without it, to the available member with the fewest open cases other than the current assignee — the way ' +
      "to move an absent member's cases on — or into the unit's queue when there is none. The status stays.",
  })
  @ApiCaseNumber()
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: CaseDto, headers: ETAG })
  @ApiProblems(
    { status: 400, description: `${BAD_NUMBER_OR_BODY.description} Or \`assignee\` is no member of the unit.` },
    NO_SUCH_CASE,
    412,
    {
      status: 409,
      description: `The case is resolved or closed, has no unit yet, or is already with that member. Or: ${BUSY}`,
    },
  )
  async assign(
    @Param('number') number: string,
    @Body() body: AssignDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() actor: StaffUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDto> {
    return withEtag(reply, await this.assignCase.execute(number, body, actor, optionalIfMatch(ifMatch)));
  }

  @Post(':number/notes')
  @ApiOperation({
    summary: 'Adds an internal note, or a public one that the resident sees when tracking the case',
    description: 'Needs no If-Match: a note leaves the case as it is, so it never conflicts with another note or edit.',
  })
  @ApiCaseNumber()
  @ApiCreatedResponse({ type: NoteDto })
  @ApiProblems(BAD_NUMBER_OR_BODY, NO_SUCH_CASE)
  addNote(
    @Param('number') number: string,
    @Body() body: CreateNoteDto,
    @CurrentUser() actor: StaffUser,
  ): Promise<NoteDto> {
    return this.addNoteToCase.execute(number, body, actor);
  }

  @Post(':number/tracking-code')
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Issues a new tracking code for a resident who lost theirs; the old code stops working' })
  @ApiCaseNumber()
  @ApiCreatedResponse({ type: TrackingCodeDto })
  @ApiProblems(BAD_NUMBER, NO_SUCH_CASE)
  reissueTrackingCode(@Param('number') number: string, @CurrentUser() actor: StaffUser): Promise<TrackingCodeDto> {
    return this.reissueCode.execute(number, actor);
  }

  @Get(':number/history')
  @ApiOperation({ summary: 'Everything that happened to the case, oldest first' })
  @ApiCaseNumber()
  @ApiOkResponse({ type: CaseHistoryDto })
  @ApiProblems(BAD_NUMBER, NO_SUCH_CASE)
  async history(@Param('number') number: string, @CurrentUser() actor: StaffUser): Promise<CaseHistoryDto> {
    return { items: await this.queries.history(number, actor) };
  }
}

function withEtag<T extends CaseDto>(reply: FastifyReply, body: T): T {
  reply.header('ETag', etagOf(body.version));
  return body;
}
