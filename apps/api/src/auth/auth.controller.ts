import { AccessService, Allow, hashPassword, IssuedToken, Principal, Public, SignedIn } from '@app/access';
import { CommandContext, CommandRequest, CommandResult } from '@app/commands';
import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CommandContextFrom } from '../http/command-context.decorator';
import { CommandDoc, QueryDoc } from '../http/api-docs';
import { ErrorBody, platformErrorBody } from '../http/error-body';
import { ChangeOwnPasswordDto, IssuedTokenDto, PrincipalDto, SignInDto } from './auth.dtos';

const INVALID = { statusCode: 401, code: 'auth.invalid', message: 'Forkert e-mailadresse eller adgangskode.' };
const TOO_MANY = { statusCode: 429, code: 'auth.too_many_attempts', message: 'For mange forsøg. Vent et minut, og prøv igen.' };
const INVALID_INPUT = { statusCode: 400, code: 'input.invalid', message: 'Ugyldige oplysninger i forespørgslen.', details: [{ field: 'email', reason: 'email skal være en e-mailadresse' }] };

@ApiTags('auth')
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
  @ApiOperation({ summary: 'Sign in with e-mail and password, for a bearer token' })
  @ApiResponse({ status: 201, type: IssuedTokenDto, description: 'Signed in' })
  @ApiResponse({ status: 400, type: ErrorBody, description: 'The e-mail or the password is missing or malformed', example: INVALID_INPUT })
  @ApiResponse({ status: 401, type: ErrorBody, description: 'An unknown e-mail and a wrong password alike', example: INVALID })
  @ApiResponse({ status: 413, type: ErrorBody, description: 'The body is larger than allowed', example: platformErrorBody(413) })
  @ApiResponse({ status: 415, type: ErrorBody, description: 'The body is of a type the API does not read', example: platformErrorBody(415) })
  @ApiResponse({ status: 429, type: ErrorBody, description: 'Ten attempts a minute from one address, then this', example: TOO_MANY })
  token(@Body() body: SignInDto): Promise<IssuedToken> {
    return this.access.signIn(body.email, body.password);
  }

  @Get('me')
  @Allow('chair', 'member')
  @ApiBearerAuth()
  @QueryDoc({ summary: 'Show who the token belongs to', type: PrincipalDto })
  me(@SignedIn() principal: Principal): Principal {
    return principal;
  }

  /** Every token issued before stops working, this one's too: sign in again with the new password. */
  @Post('password')
  @HttpCode(200)
  @Allow('chair', 'member')
  @UseGuards(ThrottlerGuard)
  @ApiBearerAuth()
  @CommandDoc({
    summary: 'Change your own password; every token issued before stops working',
    notFound: ['account.not_found'],
    conflicts: ['account.disabled'],
    more: [{ status: 429, description: 'Ten attempts a minute from one address, then this', examples: [TOO_MANY] }],
  })
  async changePassword(@SignedIn() principal: Principal, @Body() body: ChangeOwnPasswordDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    await this.access.signIn(principal.email, body.currentPassword);
    return this.commands.execute(new CommandRequest('change-account-password', { accountId: principal.accountId, passwordHash: await hashPassword(body.newPassword) }, context));
  }
}
