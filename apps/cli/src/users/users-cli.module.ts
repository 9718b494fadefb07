import { AccessService, authSecretProvider } from '@app/access';
import { CommandsModule } from '@app/commands';
import { APP_CONFIG, AppConfig, ConfigModule } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { ReadSideModule } from '@app/read-side';
import { Module } from '@nestjs/common';

/**
 * Accounts as the API keeps them: the same commands, read model and token secret, without the API's guard
 * and without its first-start accounts (the command line makes only the accounts it is asked for).
 */
@Module({
  imports: [ConfigModule, EventStoreModule.forRoot({ useFactory: (config: AppConfig) => config, inject: [APP_CONFIG] }), CommandsModule, ReadSideModule],
  providers: [authSecretProvider, AccessService],
})
export class UsersCliModule {}
