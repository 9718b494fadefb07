import { AccessService, hashPassword } from '@app/access';
import { CommandContext, CommandRequest, CommandResult } from '@app/commands';
import { Page, pageOf } from '@app/read-side';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommandContextFrom } from '../http/command-context.decorator';
import { CommandDoc, QueryDoc } from '../http/api-docs';
import { pageAsked, PageQuery } from '../http/page-query';
import { AccountDto, AccountsPageDto, CreateAccountDto, DisableAccountDto, GrantRoleDto, SetPasswordDto } from './account.dtos';

/** The secretariat's: who may sign in, with which role, for which forums. */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('api/accounts')
export class AccountsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly access: AccessService,
  ) {}

  @Get()
  @QueryDoc({ summary: 'List the accounts by e-mail address, without their password hashes, a page at a time', type: AccountsPageDto })
  list(@Query() query: PageQuery): Page<AccountDto> {
    const accounts = this.access.accounts().map(({ accountId, email, name, role, forumIds, disabled }): AccountDto => ({ accountId, email, name, role, forumIds, disabled }));
    return pageAsked(query, (request) => pageOf(accounts, (account) => [account.email, account.accountId], request, 2));
  }

  @Post()
  @CommandDoc({ summary: 'Create an account with a role and a password', created: true, conflicts: ['account.exists', 'account.no_forum', 'account.unknown_forum'] })
  async create(@Body() body: CreateAccountDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    const { password, forumIds = [], ...account } = body;
    return this.commands.execute(new CommandRequest('create-account', { ...account, forumIds, passwordHash: await hashPassword(password) }, context));
  }

  @Post(':id/role')
  @HttpCode(200)
  @CommandDoc({ summary: "Change an account's role and forums", notFound: ['account.not_found'], conflicts: ['account.disabled', 'account.no_forum', 'account.unknown_forum'] })
  grantRole(@Param('id') id: string, @Body() body: GrantRoleDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('grant-account-role', { accountId: id, role: body.role, forumIds: body.forumIds ?? [] }, context));
  }

  @Post(':id/password')
  @HttpCode(200)
  @CommandDoc({ summary: "Set an account's password; its tokens stop working", notFound: ['account.not_found'], conflicts: ['account.disabled'] })
  async setPassword(@Param('id') id: string, @Body() body: SetPasswordDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('change-account-password', { accountId: id, passwordHash: await hashPassword(body.password) }, context));
  }

  @Post(':id/disable')
  @HttpCode(200)
  @CommandDoc({ summary: 'Disable an account; its tokens stop working', notFound: ['account.not_found'], conflicts: ['account.disabled'] })
  disable(@Param('id') id: string, @Body() body: DisableAccountDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('disable-account', { accountId: id, ...body }, context));
  }
}
