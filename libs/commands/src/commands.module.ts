import { APP_CONFIG, AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, systemClock } from './command-handling/clock';
import { CommandRequestHandler } from './command-handling/command-request.handler';
import { CommandRunner } from './command-handling/command-runner';

/** The command handlers shared by the API, the import and the process managers. */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    { provide: CLOCK, useFactory: (config: AppConfig) => systemClock(config.meetingTimeZone), inject: [APP_CONFIG] },
    CommandRunner,
    CommandRequestHandler,
  ],
  exports: [CqrsModule, CommandRunner, CLOCK],
})
export class CommandsModule {}
