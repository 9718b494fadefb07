import { APP_CONFIG, AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { caseCommandHandlers } from './cases/case.command-handlers';
import { CLOCK, systemClock } from './command-handling/clock';
import { CommandRunner } from './command-handling/command-runner';
import { followUpCommandHandlers } from './follow-ups/follow-up.command-handlers';
import { meetingCommandHandlers } from './meetings/meeting.command-handlers';

/** The command handlers shared by the API, the import and the process managers. */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    { provide: CLOCK, useFactory: (config: AppConfig) => systemClock(config.meetingTimeZone), inject: [APP_CONFIG] },
    CommandRunner,
    ...meetingCommandHandlers,
    ...caseCommandHandlers,
    ...followUpCommandHandlers,
  ],
  exports: [CqrsModule, CommandRunner, CLOCK],
})
export class CommandsModule {}
