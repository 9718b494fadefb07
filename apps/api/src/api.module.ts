import { CommandsModule } from '@app/commands';
import { ConfigModule } from '@app/config';
import { EventStoreModule } from '@app/event-store/event-store.module';
import { ReadSideModule } from '@app/read-side';
import { Module } from '@nestjs/common';
import { CasesController } from './cases/cases.controller';
import { FollowUpsController } from './follow-ups/follow-ups.controller';
import { ForumsController } from './forums/forums.controller';
import { HealthController } from './health/health.controller';
import { MeetingsController } from './meetings/meetings.controller';

@Module({
  imports: [ConfigModule, EventStoreModule, CommandsModule, ReadSideModule],
  controllers: [MeetingsController, CasesController, FollowUpsController, ForumsController, HealthController],
})
export class ApiModule {}
