import { CommandsModule } from '@app/commands';
import { Module } from '@nestjs/common';
import { ProcessManagerRunner } from './process-manager.runner';

/** Only the worker imports this: the process managers act, and one set of them is enough. */
@Module({
  imports: [CommandsModule],
  providers: [ProcessManagerRunner],
})
export class ProcessManagersModule {}
