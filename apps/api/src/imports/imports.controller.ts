import { CommandContext } from '@app/commands';
import { MinutesImports } from '@app/workflows';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandContextFrom } from '../http/command-context.decorator';
import { EmptyDto } from '../http/command-result.dto';
import { ImportMinutesDto } from './import.dtos';

/** Import of minutes in two steps, as the secretariat works: a review to read through, then a commit. */
@ApiTags('imports')
@Controller('api/imports')
export class ImportsController {
  constructor(private readonly imports: MinutesImports) {}

  @Post()
  review(@Body() body: ImportMinutesDto, @CommandContextFrom() context: CommandContext) {
    return this.imports.review(body, context);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.imports.get(id);
  }

  @Post(':id/commit')
  @HttpCode(200)
  commit(@Param('id') id: string, @Body() _body: EmptyDto, @CommandContextFrom() context: CommandContext) {
    return this.imports.commit(id, context);
  }
}
