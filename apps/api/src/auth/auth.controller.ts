import { AccessService, Allow, hashPassword, IssuedToken, Principal, Public, SignedIn } from '@app/access';
import { CommandContext, CommandRequest, CommandResult } from '@app/commands';
import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CommandContextFrom } from '../http/command-context.decorator';
import { CommandResultDto } from '../http/command-result.dto';
import { ErrorBody } from '../http/error-body';
import { ChangeOwnPasswordDto, IssuedTokenDto, PrincipalDto, SignInDto } from './auth.dtos';

@ApiTags('auth')
@ApiUnauthorizedResponse({ type: ErrorBody })
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly access: AccessService,
    private readonly commands: CommandBus,
  ) {}

  /** A personal token with the account's role; repeated attempts from one address are slowed to a few a minute. */
  @Post('token')
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiCreatedResponse({ type: IssuedTokenDto })
  @ApiTooManyRequestsResponse({ type: ErrorBody })
  token(@Body() body: SignInDto): Promise<IssuedToken> {
    return this.access.signIn(body.email, body.password);
  }

  @Get('me')
  @Allow('chair', 'member')
  @ApiOkResponse({ type: PrincipalDto })
  me(@SignedIn() principal: Principal): Principal {
    return principal;
  }

  /** Every token issued before stops working, this one's too: sign in again with the new password. */
  @Post('password')
  @HttpCode(200)
  @Allow('chair', 'member')
  @UseGuards(ThrottlerGuard)
  @ApiOkResponse({ type: CommandResultDto })
  async changePassword(@SignedIn() principal: Principal, @Body() body: ChangeOwnPasswordDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    await this.access.signIn(principal.email, body.currentPassword);
    return this.commands.execute(new CommandRequest('change-account-password', { accountId: principal.accountId, passwordHash: await hashPassword(body.newPassword) }, context));
  }
}
