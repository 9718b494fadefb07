import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandRunner, InjectCommander } from 'nest-commander';
import { EXIT, EXIT_CODES_HELP } from './exit-codes';

/** Commander's command, as nest-commander hands it to each command. */
type Command = Parameters<CommandRunner['setCommand']>[0];

/** A usage error ends with exit code 2; help asked for ends with 0. Commander's own is 1 for both kinds of error. */
const exitWithUsageCode = (error: { exitCode: number }): never => process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);

/**
 * Names the program, puts the exit codes under every command's help, and gives every command the same exit
 * codes: nest-commander sets them on the root only, and commander's subcommands do not inherit them.
 */
@Injectable()
export class CliHelp implements OnApplicationBootstrap {
  constructor(@InjectCommander() private readonly program: Command) {}

  onApplicationBootstrap(): void {
    this.program
      .name('npm run cli --')
      .description('Beslutningsopfølgning på kommandolinjen: import af referater, visningerne og konti. Læser samme konfiguration (.env) som API’et.');
    const everyCommand = (command: Command): Command[] => [command, ...command.commands.flatMap(everyCommand)];
    for (const command of everyCommand(this.program)) {
      command.exitOverride(exitWithUsageCode).showHelpAfterError('(skriv --help for hjælp)').addHelpText('after', EXIT_CODES_HELP);
    }
  }
}
