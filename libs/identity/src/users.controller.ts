import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, decodeCursor, DEFAULT_PAGE_SIZE, invalidCursor, PageQueryDto, toPage } from '@app/core';
import { CurrentUser, Roles } from './decorators';
import { ChangeRoleDto, StaffAccountDto, StaffAccountPageDto } from './dto/user.dto';
import { StaffUser } from './roles';
import { TokenRevocations } from './token-revocations';
import { StaffAccount, USERNAME_PATTERN, UsersService } from './users.service';

const ApiUsername = () => ApiParam({ name: 'username', description: 'Compared case-insensitively.', type: String });
const NO_SUCH_USER = { status: 404, description: 'There is no user of that name.' } as const;

/**
 * Staff accounts, for administrators: disable and enable them, change roles. Each change revokes the account's
 * tokens; this process knows at once, the others within their revocation refresh.
 */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly revocations: TokenRevocations,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Lists the staff accounts by username' })
  @ApiOkResponse({ type: StaffAccountPageDto })
  @ApiProblems(400)
  async list(@Query() page: PageQueryDto): Promise<StaffAccountPageDto> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const [after] = page.cursor ? (decodeCursor(page.cursor, ['string']) as string[]) : [];
    // Only what this API put in a cursor: a username.
    if (after !== undefined && !USERNAME_PATTERN.test(after)) throw invalidCursor();
    return toPage(
      await this.users.list(limit, after),
      limit,
      (account) => account,
      (account) => [account.username],
    );
  }

  @Get(':username')
  @ApiOperation({ summary: 'Reads a staff account' })
  @ApiUsername()
  @ApiOkResponse({ type: StaffAccountDto })
  @ApiProblems(NO_SUCH_USER)
  get(@Param('username') username: string): Promise<StaffAccountDto> {
    return this.users.find(username);
  }

  @Post(':username/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disables an account',
    description: 'Sign-in is refused at once; tokens already issued are refused within seconds.',
  })
  @ApiUsername()
  @ApiOkResponse({ type: StaffAccountDto })
  @ApiProblems(NO_SUCH_USER, { status: 409, description: 'An administrator cannot disable their own account.' })
  async disable(@Param('username') username: string, @CurrentUser() actor: StaffUser): Promise<StaffAccountDto> {
    return this.revoked(await this.users.disable(username, { name: actor.username, userId: actor.id }));
  }

  @Post(':username/enable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Enables an account again',
    description: 'The account may sign in again; tokens from before it was disabled stay revoked.',
  })
  @ApiUsername()
  @ApiOkResponse({ type: StaffAccountDto })
  @ApiProblems(NO_SUCH_USER)
  async enable(@Param('username') username: string, @CurrentUser() actor: StaffUser): Promise<StaffAccountDto> {
    return this.revoked(await this.users.enable(username, { name: actor.username, userId: actor.id }));
  }

  @Patch(':username')
  @ApiOperation({
    summary: 'Changes the role and unit of an account',
    description: "The account's tokens are revoked: the user signs in again to act in the new role.",
  })
  @ApiUsername()
  @ApiOkResponse({ type: StaffAccountDto })
  @ApiProblems(
    { status: 400, description: 'Not valid (see `errors`); a `unit_staff` account needs a unit that exists.' },
    NO_SUCH_USER,
  )
  async changeRole(
    @Param('username') username: string,
    @Body() body: ChangeRoleDto,
    @CurrentUser() actor: StaffUser,
  ): Promise<StaffAccountDto> {
    return this.revoked(await this.users.changeRole(username, body, { name: actor.username, userId: actor.id }));
  }

  private async revoked(account: StaffAccount): Promise<StaffAccount> {
    await this.revocations.refresh();
    return account;
  }
}
