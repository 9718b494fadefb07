import { Module } from '@nestjs/common';
import { CliHelp } from './cli-help';
import { ImportCommand } from './imports/import.command';
import { RebuildReadModelsCommand } from './read-models/rebuild-read-models.command';
import { USERS_SUBCOMMANDS, UsersCommand } from './users/users.command';

/** The commands only: each makes the application context it needs once it has been chosen and its arguments read. */
@Module({ providers: [CliHelp, ImportCommand, RebuildReadModelsCommand, UsersCommand, ...USERS_SUBCOMMANDS] })
export class CliModule {}
