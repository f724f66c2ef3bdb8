import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Roles, StaffUser } from '@app/identity';
import { CasesService } from './cases.service';
import {
  CaseDto,
  CaseHistoryDto,
  CasePageDto,
  CreateCaseDto,
  CreatedCaseDto,
  CreateNoteDto,
  ListCasesQueryDto,
  NoteDto,
  RouteDto,
  TransitionDto,
  UpdateCaseDto,
} from './dto/case.dto';
import { etagOf, optionalIfMatch, requireIfMatch } from './if-match';
import { requestFingerprint, validateIdempotencyKey } from './intake/idempotency';

const IF_MATCH_HEADER = { name: 'If-Match', required: false, description: 'ETag of the case as read ("<version>")' };

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  /** Logs a resident's case. A repeat with the same Idempotency-Key returns the first answer. */
  @Post()
  @Roles('agent', 'supervisor', 'admin')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1..200 characters; replays for 24 hours' })
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
    const result = await this.cases.create(body, actor, idempotency);
    reply.status(result.statusCode);
    if (result.replayed) reply.header('Idempotent-Replayed', 'true');
    reply.header('Location', `/api/v1/cases/${result.body.number}`);
    return withEtag(reply, result.body);
  }

  @Get()
  list(@Query() query: ListCasesQueryDto, @CurrentUser() actor: StaffUser): Promise<CasePageDto> {
    return this.cases.list(query, actor);
  }

  @Get(':number')
  async get(
    @Param('number') number: string,
    @CurrentUser() actor: StaffUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDto> {
    return withEtag(reply, await this.cases.get(number, actor));
  }

  @Patch(':number')
  @ApiHeader({ ...IF_MATCH_HEADER, required: true })
  async update(
    @Param('number') number: string,
    @Body() body: UpdateCaseDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() actor: StaffUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDto> {
    return withEtag(reply, await this.cases.update(number, body, actor, requireIfMatch(ifMatch)));
  }

  @Post(':number/transitions')
  @HttpCode(200)
  @ApiHeader(IF_MATCH_HEADER)
  async transition(
    @Param('number') number: string,
    @Body() body: TransitionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() actor: StaffUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDto> {
    return withEtag(reply, await this.cases.transition(number, body, actor, optionalIfMatch(ifMatch)));
  }

  /** Re-routes the case to another unit by hand; it becomes `assigned` there. */
  @Post(':number/route')
  @HttpCode(200)
  @ApiHeader(IF_MATCH_HEADER)
  async route(
    @Param('number') number: string,
    @Body() body: RouteDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() actor: StaffUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDto> {
    return withEtag(reply, await this.cases.route(number, body, actor, optionalIfMatch(ifMatch)));
  }

  /** Adds an internal note, or a public one that the resident sees when tracking the case. */
  @Post(':number/notes')
  @ApiHeader(IF_MATCH_HEADER)
  async addNote(
    @Param('number') number: string,
    @Body() body: CreateNoteDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() actor: StaffUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NoteDto> {
    const { note, version } = await this.cases.addNote(number, body, actor, optionalIfMatch(ifMatch));
    reply.header('ETag', etagOf(version));
    return note;
  }

  /** Everything that happened to the case, oldest first. */
  @Get(':number/history')
  async history(@Param('number') number: string, @CurrentUser() actor: StaffUser): Promise<CaseHistoryDto> {
    return { items: await this.cases.history(number, actor) };
  }
}

function withEtag<T extends CaseDto>(reply: FastifyReply, body: T): T {
  reply.header('ETag', etagOf(body.version));
  return body;
}
