import { CommandsModule } from '@app/commands';
import { APP_CONFIG, AppConfig, ConfigModule } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { ReadSideModule } from '@app/read-side';
import { linkSecretProvider, MinutesImportsModule, RemindersStatusModule } from '@app/workflows';
import { Module } from '@nestjs/common';
import { CasesController } from './cases/cases.controller';
import { FollowUpsController } from './follow-ups/follow-ups.controller';
import { ForumsController } from './forums/forums.controller';
import { HealthController } from './health/health.controller';
import { ImportsController } from './imports/imports.controller';
import { CompletionLinksController } from './links/completion-links.controller';
import { MeetingsController } from './meetings/meetings.controller';

@Module({
  imports: [ConfigModule, EventStoreModule.forRoot({ useFactory: (config: AppConfig) => config, inject: [APP_CONFIG] }), CommandsModule, ReadSideModule, MinutesImportsModule, RemindersStatusModule],
  controllers: [MeetingsController, CasesController, FollowUpsController, ForumsController, HealthController, ImportsController, CompletionLinksController],
  providers: [linkSecretProvider],
})
export class ApiModule {}
