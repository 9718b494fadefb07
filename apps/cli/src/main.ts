import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';
import { CliFailure, EXIT } from './exit-codes';

/** Exit code and message of a command that did not finish: its own, or 1 with the stack of a fault. */
const reportFailure = (error: Error): void => {
  if (error instanceof CliFailure) {
    console.error(error.message);
    process.exitCode = error.exitCode;
    return;
  }
  console.error(error.stack ?? error.message);
  process.exitCode = EXIT.failed;
};

// exitCode, not exit(): exit() would cut a long --json report short where stdout is a pipe. A handle left
// open (a store's connection still closing) may not keep the process past a few seconds.
const finish = () => setTimeout(() => process.exit(), 5000).unref();

CommandFactory.run(CliModule, { logger: ['error', 'warn'], serviceErrorHandler: reportFailure })
  .catch(reportFailure)
  .finally(finish);
