import { ConfigModule } from '@app/config';
import { EventStoreModule } from '@app/event-store/event-store.module';
import { MinutesImportModule } from '@app/minutes-import';
import { Module } from '@nestjs/common';

@Module({ imports: [ConfigModule, EventStoreModule, MinutesImportModule] })
export class ImportCliModule {}
