import { CommandContext } from '@app/commands';
import { MinutesImports } from '@app/workflows';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommandDoc, QueryDoc } from '../http/api-docs';
import { CommandContextFrom } from '../http/command-context.decorator';
import { EmptyDto } from '../http/command-result.dto';
import { ImportDto, ImportMinutesDto, ImportResultDto, ImportReviewDto } from './import.dtos';

/** Import of minutes in two steps, as the secretariat works: a review to read through, then a commit. */
const UNREADABLE = {
  status: 422,
  description: 'The text cannot be read as minutes: a code such as minutes.empty, minutes.not_text, minutes.missing_meeting_date',
  examples: [
    { code: 'minutes.missing_meeting_date', message: 'Referatet har ingen datolinje ("Dato: ..."). Angiv mødets dato med --meeting-date ÅÅÅÅ-MM-DD.' },
    { code: 'minutes.not_text', message: 'Filen ligner ikke tekst (den indeholder kontroltegn). Gem referatet som ren tekst (UTF-8) og prøv igen.' },
  ],
};

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/imports')
export class ImportsController {
  constructor(private readonly imports: MinutesImports) {}

  @Post()
  @CommandDoc({ summary: 'Read minutes into a review and a plan, appending none of it yet', created: true, result: ImportReviewDto, resultDescription: 'The review, with the id to commit it by', more: [UNREADABLE] })
  review(@Body() body: ImportMinutesDto, @CommandContextFrom() context: CommandContext) {
    return this.imports.review(body, context);
  }

  @Get(':id')
  @QueryDoc({ summary: 'Show a review of minutes, and whether it was committed', type: ImportDto, notFound: ['import.not_found'] })
  get(@Param('id') id: string) {
    return this.imports.get(id);
  }

  @Post(':id/commit')
  @HttpCode(200)
  @CommandDoc({
    summary: 'Append what a review planned, all or nothing',
    result: ImportResultDto,
    resultDescription: 'Appended; a second commit of the same minutes appends nothing and names the first',
    notFound: ['import.not_found'],
    conflicts: ['import.committed', 'case.withdrawn', 'meeting.cancelled'],
  })
  commit(@Param('id') id: string, @Body() _body: EmptyDto, @CommandContextFrom() context: CommandContext) {
    return this.imports.commit(id, context);
  }
}
