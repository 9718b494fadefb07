import { AccessModule } from '@app/access';
import { CommandsModule } from '@app/commands';
import { APP_CONFIG, AppConfig, ConfigModule, loggingModule } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { ReadSideModule } from '@app/read-side';
import { linkSecretProvider, MinutesImportsModule, RemindersStatusModule } from '@app/workflows';
import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccountsController } from './accounts/accounts.controller';
import { AuthController } from './auth/auth.controller';
import { CasesController } from './cases/cases.controller';
import { FollowUpAccess } from './follow-ups/follow-up-access';
import { FollowUpsController } from './follow-ups/follow-ups.controller';
import { ForumsController } from './forums/forums.controller';
import { HealthController } from './health/health.controller';
import { ImportsController } from './imports/imports.controller';
import { StartedImportsAtStart } from './imports/started-imports-at-start';
import { CompletionLinksController } from './links/completion-links.controller';
import { MeetingsController } from './meetings/meetings.controller';
import { PAGE_PROVIDERS, PAGES } from './pages/pages';

/** Sign-in attempts one address may make in a window, before 429: slow for a guesser, unnoticed by a person. */
const SIGN_IN_ATTEMPTS = 10;
const SIGN_IN_WINDOW_MS = 60_000;

@Module({
  imports: [ConfigModule, loggingModule(), EventStoreModule.forRoot({ useFactory: (config: AppConfig) => config, inject: [APP_CONFIG] }), CommandsModule, ReadSideModule, MinutesImportsModule, RemindersStatusModule, AccessModule, TerminusModule.forRoot({ errorLogStyle: 'json' }), ThrottlerModule.forRoot([{ name: 'sign-in', ttl: SIGN_IN_WINDOW_MS, limit: SIGN_IN_ATTEMPTS }])],
  controllers: [...PAGES, AuthController, AccountsController, MeetingsController, CasesController, FollowUpsController, ForumsController, HealthController, ImportsController, CompletionLinksController],
  providers: [linkSecretProvider, FollowUpAccess, StartedImportsAtStart, ...PAGE_PROVIDERS],
})
export class ApiModule {}
