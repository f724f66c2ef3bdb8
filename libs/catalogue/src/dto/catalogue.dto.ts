import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { ApiNextCursor, IsOptionalNotNull } from '@app/core';
import {
  ATTRIBUTE_CODE,
  ATTRIBUTE_DATATYPES,
  AttributeDatatype,
  CategoryAttribute,
  MAX_ATTRIBUTE_VALUES,
  MAX_ATTRIBUTES,
} from '../domain/category-attributes';
import { SLA_KINDS, SlaKind } from '../sla';

/** Codes of units and categories: lower case, stable, used in URLs and imports. */
export const CATALOGUE_CODE = /^[a-z0-9][a-z0-9_.-]{1,63}$/;
/** Validates a unit or category code wherever one is accepted. */
export const IsCatalogueCode = (options: Pick<ValidationOptions, 'each'> = {}) =>
  Matches(CATALOGUE_CODE, {
    ...options,
    message: ({ property }) => `${property} must be 2..64 of a-z, 0-9, _ . - starting with a letter or digit`,
  });

/** A code as the OpenAPI document shows it. */
export const CATALOGUE_CODE_SCHEMA = { type: String, pattern: CATALOGUE_CODE.source, minLength: 2, maxLength: 64 };
const UNIT_CODE_DESCRIPTION = 'The unit that handles cases of this kind; null leaves new cases unassigned (`new`).';
const PUBLIC_DESCRIPTION = 'Reports of this kind (e.g. a pothole) may be listed publicly through Open311.';
const DESCRIPTION_DESCRIPTION = 'What the service is for, as an Open311 client shows it (the name when null).';
const ATTRIBUTES_DESCRIPTION = 'Extra questions a report of this kind answers (Open311 service definition).';

export class CreateUnitDto {
  @ApiProperty({ ...CATALOGUE_CODE_SCHEMA, example: 'gzdiz' })
  @IsCatalogueCode()
  code: string;

  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;
}

export class UnitDto {
  @ApiProperty(CATALOGUE_CODE_SCHEMA)
  code: string;

  @ApiProperty()
  name: string;
}

export class SlaPolicyDto {
  @ApiProperty({ enum: SLA_KINDS, enumName: 'SlaKind' })
  @IsIn(SLA_KINDS)
  kind: SlaKind;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 365 })
  @IsInt()
  @Min(1)
  @Max(365)
  amount: number;
}

export class AttributeValueOptionDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'large' })
  @IsString()
  @Length(1, 100)
  key: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Larger than a car wheel' })
  @IsString()
  @Length(1, 200)
  name: string;
}

/** An extra question a category asks of a report (an Open311 service definition's attribute). */
export class CategoryAttributeDto {
  @ApiProperty({ pattern: ATTRIBUTE_CODE.source, minLength: 1, maxLength: 64, example: 'size' })
  @Matches(ATTRIBUTE_CODE, { message: 'code must be 1..64 of A-Z, a-z, 0-9, _ . - starting with a letter or digit' })
  code: string;

  @ApiProperty({ minLength: 1, maxLength: 500, description: 'The question, as a client shows it.' })
  @IsString()
  @Length(1, 500)
  description: string;

  @ApiProperty({ enum: ATTRIBUTE_DATATYPES, enumName: 'AttributeDatatype' })
  @IsIn(ATTRIBUTE_DATATYPES)
  datatype: AttributeDatatype;

  @ApiProperty()
  @IsBoolean()
  required: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    minLength: 1,
    maxLength: 200,
    description: 'A hint on the expected answer.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  datatypeDescription?: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000, description: 'Where the question comes in the form.' })
  @IsInt()
  @Min(1)
  @Max(1000)
  order: number;

  @ApiProperty({
    type: [AttributeValueOptionDto],
    maxItems: MAX_ATTRIBUTE_VALUES,
    description: 'The choices of a singlevaluelist or multivaluelist; empty for any other datatype.',
  })
  @IsArray()
  @ArrayMaxSize(MAX_ATTRIBUTE_VALUES)
  @ValidateNested({ each: true })
  @Type(() => AttributeValueOptionDto)
  values: AttributeValueOptionDto[];
}

/** Settings shared by creating and changing a category. */
class CategoryOptionsDto {
  @ApiPropertyOptional({ ...CATALOGUE_CODE_SCHEMA, nullable: true, description: UNIT_CODE_DESCRIPTION })
  @IsOptional()
  @IsCatalogueCode()
  unitCode?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: 50, minLength: 1, maxLength: 100 })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  keywords?: string[];

  @ApiPropertyOptional({ description: PUBLIC_DESCRIPTION, default: false })
  @IsOptionalNotNull()
  @IsBoolean()
  public?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    minLength: 1,
    maxLength: 1000,
    description: DESCRIPTION_DESCRIPTION,
  })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  description?: string | null;

  @ApiPropertyOptional({ type: [CategoryAttributeDto], maxItems: MAX_ATTRIBUTES, description: ATTRIBUTES_DESCRIPTION })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_ATTRIBUTES)
  @ValidateNested({ each: true })
  @Type(() => CategoryAttributeDto)
  attributes?: CategoryAttributeDto[];
}

export class CreateCategoryDto extends CategoryOptionsDto {
  @ApiProperty({ ...CATALOGUE_CODE_SCHEMA, example: 'dziura-w-jezdni' })
  @IsCatalogueCode()
  code: string;

  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ type: SlaPolicyDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SlaPolicyDto)
  sla: SlaPolicyDto;
}

export class UpdateCategoryDto extends CategoryOptionsDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: SlaPolicyDto })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => SlaPolicyDto)
  sla?: SlaPolicyDto;
}

export class CategoryDto {
  @ApiProperty(CATALOGUE_CODE_SCHEMA)
  code: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ ...CATALOGUE_CODE_SCHEMA, nullable: true, description: UNIT_CODE_DESCRIPTION })
  unitCode: string | null;

  @ApiProperty({ type: SlaPolicyDto })
  sla: SlaPolicyDto;

  @ApiProperty({ type: [String] })
  keywords: string[];

  @ApiProperty({ description: PUBLIC_DESCRIPTION })
  public: boolean;

  @ApiProperty({ type: String, nullable: true, description: DESCRIPTION_DESCRIPTION })
  description: string | null;

  @ApiProperty({ type: [CategoryAttributeDto], description: ATTRIBUTES_DESCRIPTION })
  attributes: CategoryAttribute[];
}

export class UnitPageDto {
  @ApiProperty({ type: [UnitDto] })
  items: UnitDto[];

  @ApiNextCursor()
  nextCursor: string | null;
}

export class CategoryPageDto {
  @ApiProperty({ type: [CategoryDto] })
  items: CategoryDto[];

  @ApiNextCursor()
  nextCursor: string | null;
}
