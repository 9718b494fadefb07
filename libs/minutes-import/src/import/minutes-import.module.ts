import { CommandsModule } from '@app/commands';
import { ReadSideModule } from '@app/read-side';
import { Module } from '@nestjs/common';
import { MinutesImporter } from './minutes-importer';

@Module({
  imports: [CommandsModule, ReadSideModule],
  providers: [MinutesImporter],
  exports: [MinutesImporter],
})
export class MinutesImportModule {}
