import { CommandsModule } from '@app/commands';
import { ConfigModule } from '@app/config';
import { ReadSideModule } from '@app/read-side';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { AccessService } from './access.service';
import { AccountsBootstrap } from './accounts-bootstrap';
import { authSecretProvider } from './auth-secret';

/** Sign-in and roles for the API: the global guard, tokens, and the first accounts. */
@Module({
  imports: [ConfigModule, CommandsModule, ReadSideModule],
  providers: [authSecretProvider, AccessService, AccountsBootstrap, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AccessService],
})
export class AccessModule {}
