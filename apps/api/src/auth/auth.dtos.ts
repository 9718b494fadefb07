import { ROLES, Role } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ example: 'sekretariat@rammeaftale.example' }) @IsEmail() @MaxLength(320) email!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) password!: string;
}

export class ChangeOwnPasswordDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) currentPassword!: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MinLength(12) @MaxLength(1000) newPassword!: string;
}

export class PrincipalDto {
  @ApiProperty() accountId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String] }) forumIds!: string[];
}

export class IssuedTokenDto {
  @ApiProperty({ description: 'Send as Authorization: Bearer <token>' }) token!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty({ type: PrincipalDto }) account!: PrincipalDto;
}
