import { ConfigModule } from '@app/config';
import { EventStoreModule } from '@app/event-store/event-store.module';
import { ProcessManagersModule } from '@app/read-side';
import { Module } from '@nestjs/common';

@Module({
  imports: [ConfigModule, EventStoreModule, ProcessManagersModule],
})
export class WorkerModule {}
