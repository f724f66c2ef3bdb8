import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, ValidateIf } from 'class-validator';
import { ApiNextCursor, IsOptionalNotNull } from '@app/core';
import { ROLES, Role } from '../roles';

const ROLE = { enum: ROLES, enumName: 'Role' };
const UNIT_CODE = 'The unit of a `unit_staff` member; null for the other roles.';

/** A new role and/or unit; the user's current tokens are revoked. */
export class ChangeRoleDto {
  @ApiPropertyOptional(ROLE)
  @IsOptionalNotNull()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: String, nullable: true, minLength: 2, maxLength: 64, description: UNIT_CODE })
  @ValidateIf((_object, value) => value !== undefined && value !== null)
  @IsString()
  @Length(2, 64)
  unitCode?: string | null;
}

/** A staff account as an administrator sees it. */
export class StaffAccountDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  username: string;

  @ApiProperty(ROLE)
  role: Role;

  @ApiProperty({ type: String, nullable: true, description: UNIT_CODE })
  unitCode: string | null;

  @ApiProperty({ description: 'A disabled account cannot sign in and its tokens are refused.' })
  disabled: boolean;
}

export class StaffAccountPageDto {
  @ApiProperty({ type: [StaffAccountDto] })
  items: StaffAccountDto[];

  @ApiNextCursor()
  nextCursor: string | null;
}
