import { ApiProperty } from '@nestjs/swagger';

export class CommandResultDto {
  @ApiProperty({ description: 'Id of the case, meeting or follow-up' }) id!: string;
  @ApiProperty({ description: "The stream's revision after the command; send it back as If-Match" }) revision!: number;
  @ApiProperty({ description: 'Global position of the last event; pass it as ?after= to read your own write' }) position!: number;
}

/** For commands that take no fields: an empty object, and nothing else. */
export class EmptyDto {}
