import { AccessService, hashPassword } from '@app/access';
import { CommandContext, CommandRequest, CommandResult } from '@app/commands';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandContextFrom } from '../http/command-context.decorator';
import { CommandResultDto } from '../http/command-result.dto';
import { ErrorBody } from '../http/error-body';
import { AccountDto, CreateAccountDto, DisableAccountDto, GrantRoleDto, SetPasswordDto } from './account.dtos';

/** The secretariat's: who may sign in, with which role, for which forums. */
@ApiTags('accounts')
@ApiForbiddenResponse({ type: ErrorBody })
@ApiConflictResponse({ type: ErrorBody })
@Controller('api/accounts')
export class AccountsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly access: AccessService,
  ) {}

  @Get()
  @ApiOkResponse({ type: [AccountDto] })
  list(): AccountDto[] {
    return this.access
      .accounts()
      .map(({ accountId, email, name, role, forumIds, disabled }) => ({ accountId, email, name, role, forumIds, disabled }))
      .sort((a, b) => a.email.localeCompare(b.email));
  }

  @Post()
  @ApiCreatedResponse({ type: CommandResultDto })
  async create(@Body() body: CreateAccountDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    const { password, forumIds = [], ...account } = body;
    return this.commands.execute(new CommandRequest('create-account', { ...account, forumIds, passwordHash: await hashPassword(password) }, context));
  }

  @Post(':id/role')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandResultDto })
  grantRole(@Param('id') id: string, @Body() body: GrantRoleDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('grant-account-role', { accountId: id, role: body.role, forumIds: body.forumIds ?? [] }, context));
  }

  @Post(':id/password')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandResultDto })
  async setPassword(@Param('id') id: string, @Body() body: SetPasswordDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('change-account-password', { accountId: id, passwordHash: await hashPassword(body.password) }, context));
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandResultDto })
  disable(@Param('id') id: string, @Body() body: DisableAccountDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('disable-account', { accountId: id, ...body }, context));
  }
}
