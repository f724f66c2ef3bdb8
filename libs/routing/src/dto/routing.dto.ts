import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { CATALOGUE_CODE_SCHEMA, IsCatalogueCode } from '@app/catalogue';
import { Channel, CHANNELS, IsOptionalNotNull, Priority, PRIORITIES } from '@app/core';

/** How many rules a rule set may hold: enough for every district of every unit, small enough to match at intake. */
export const MAX_RULES = 200;
const MAX_VALUES = 100;

/** A list of free texts (districts, keywords): optional, but never null; each 1..100 characters. */
const IsTextList = () =>
  applyDecorators(
    IsOptionalNotNull(),
    IsArray(),
    ArrayMaxSize(MAX_VALUES),
    IsString({ each: true }),
    Length(1, 100, { each: true }),
  );

const CONDITION = (what: string) => `${what} Any one listed value matches; an empty or missing list does not restrict.`;

export class RuleConditionsDto {
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_VALUES,
    items: { type: 'string', pattern: CATALOGUE_CODE_SCHEMA.pattern, minLength: 2, maxLength: 64 },
    description: CONDITION("The case's category."),
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_VALUES)
  @IsCatalogueCode({ each: true })
  categoryCodes?: string[];

  @ApiPropertyOptional({
    enum: CHANNELS,
    enumName: 'Channel',
    isArray: true,
    maxItems: CHANNELS.length,
    description: CONDITION('The channel the case came by.'),
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(CHANNELS.length)
  @IsIn(CHANNELS, { each: true })
  channels?: Channel[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_VALUES,
    minLength: 1,
    maxLength: 100,
    description: CONDITION("The location's district, compared without case, diacritics or extra spaces."),
  })
  @IsTextList()
  districts?: string[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_VALUES,
    minLength: 1,
    maxLength: 100,
    description: CONDITION(
      'Words or phrases in the subject or description, matched at the start of a word without case or diacritics ' +
        '("wrak" finds "Wraków").',
    ),
  })
  @IsTextList()
  keywordsAny?: string[];
}

export class RuleOutcomeDto {
  @ApiProperty({ ...CATALOGUE_CODE_SCHEMA, description: 'The unit the case goes to.' })
  @IsCatalogueCode()
  unitCode: string;

  @ApiPropertyOptional({
    enum: PRIORITIES,
    enumName: 'Priority',
    description: 'The priority the case gets, unless the agent chose one at intake.',
  })
  @IsOptionalNotNull()
  @IsIn(PRIORITIES)
  priority?: Priority;
}

export class RoutingRuleDto {
  @ApiProperty({ minLength: 1, maxLength: 100, description: 'Shown in the case history when the rule fires; unique.' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ type: RuleConditionsDto, description: 'Every condition given must hold; at least one is required.' })
  @IsObject()
  @ValidateNested()
  @Type(() => RuleConditionsDto)
  when: RuleConditionsDto;

  @ApiProperty({ type: RuleOutcomeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RuleOutcomeDto)
  then: RuleOutcomeDto;
}

export class RoutingRuleSetDto {
  @ApiProperty({
    type: [RoutingRuleDto],
    maxItems: MAX_RULES,
    description: "In order: the first rule that matches a case decides; with none, the category's unit.",
  })
  @IsArray()
  @ArrayMaxSize(MAX_RULES)
  @ValidateNested({ each: true })
  @Type(() => RoutingRuleDto)
  rules: RoutingRuleDto[];
}

export class AvailabilityDto {
  @ApiProperty({ description: 'false while the member of staff is absent: no new case is assigned to them.' })
  @IsBoolean()
  available: boolean;
}

/** A member of a unit's staff as routing sees them. */
export class UnitStaffDto {
  @ApiProperty()
  username: string;

  @ApiProperty(CATALOGUE_CODE_SCHEMA)
  unitCode: string;

  @ApiProperty({ description: 'Whether new cases of the unit may be assigned to them.' })
  available: boolean;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cases assigned to them that are not resolved or closed.' })
  openCases: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When a case was last assigned to them.',
  })
  lastAssignedAt: string | null;
}

export class UnitStaffListDto {
  @ApiProperty({ type: [UnitStaffDto] })
  items: UnitStaffDto[];
}

export class UnitStaffQueryDto {
  @ApiPropertyOptional({ ...CATALOGUE_CODE_SCHEMA, description: "Only this unit's staff." })
  @IsOptionalNotNull()
  @IsCatalogueCode()
  unitCode?: string;
}
