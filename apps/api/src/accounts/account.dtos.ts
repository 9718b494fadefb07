import { ROLES, Role } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsId, IsText } from '../http/validators';

export class CreateAccountDto {
  @ApiProperty({ example: 'formand@k17.example' }) @IsEmail() @MaxLength(320) email!: string;
  @ApiProperty({ example: 'Formand for K17' }) @IsText(200) name!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiPropertyOptional({ type: [String], description: "The chair's or member's forums; the secretariat sees all" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsId({ each: true })
  forumIds?: string[];
  @ApiProperty({ minLength: 12 }) @IsString() @MinLength(12) @MaxLength(1000) password!: string;
}

export class GrantRoleDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsId({ each: true }) forumIds?: string[];
}

export class SetPasswordDto {
  @ApiProperty({ minLength: 12 }) @IsString() @MinLength(12) @MaxLength(1000) password!: string;
}

export class DisableAccountDto {
  @ApiPropertyOptional() @IsOptional() @IsText(2000) reason?: string;
}

export class AccountDto {
  @ApiProperty() accountId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String] }) forumIds!: string[];
  @ApiProperty() disabled!: boolean;
}

export class AccountsPageDto {
  @ApiProperty({ type: [AccountDto] }) items!: AccountDto[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last' }) nextCursor?: string;
}
