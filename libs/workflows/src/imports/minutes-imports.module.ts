import { CommandsModule } from '@app/commands';
import { ReadSideModule } from '@app/read-side';
import { Module } from '@nestjs/common';
import { MinutesImports } from './minutes-imports';

/** The import of minutes, for the API and the command line. */
@Module({
  imports: [CommandsModule, ReadSideModule],
  providers: [MinutesImports],
  exports: [MinutesImports],
})
export class MinutesImportsModule {}
