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
} from 'class-validator';
import { IsOptionalNotNull } from '@app/core';
import { SLA_KINDS, SlaKind } from '../sla';

/** Codes of units and categories: lower case, stable, used in URLs and imports. */
export const CATALOGUE_CODE = /^[a-z0-9][a-z0-9_.-]{1,63}$/;
/** Validates a unit or category code wherever one is accepted. */
export const IsCatalogueCode = () =>
  Matches(CATALOGUE_CODE, {
    message: ({ property }) => `${property} must be 2..64 of a-z, 0-9, _ . - starting with a letter or digit`,
  });

export class CreateUnitDto {
  @IsCatalogueCode()
  code: string;

  @IsString()
  @Length(1, 200)
  name: string;
}

export class UnitDto {
  code: string;
  name: string;
}

export class SlaPolicyDto {
  @IsIn(SLA_KINDS)
  kind: SlaKind;

  @IsInt()
  @Min(1)
  @Max(365)
  amount: number;
}

/** Settings shared by creating and changing a category. */
class CategoryOptionsDto {
  /** The unit that handles cases of this kind; null leaves new cases unassigned (`new`). */
  @IsOptional()
  @IsCatalogueCode()
  unitCode?: string | null;

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  keywords?: string[];

  /** Reports of this kind (e.g. a pothole) may be listed publicly through Open311. */
  @IsOptionalNotNull()
  @IsBoolean()
  public?: boolean;
}

export class CreateCategoryDto extends CategoryOptionsDto {
  @IsCatalogueCode()
  code: string;

  @IsString()
  @Length(1, 200)
  name: string;

  @IsObject()
  @ValidateNested()
  @Type(() => SlaPolicyDto)
  sla: SlaPolicyDto;
}

export class UpdateCategoryDto extends CategoryOptionsDto {
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => SlaPolicyDto)
  sla?: SlaPolicyDto;
}

export class CategoryDto {
  code: string;
  name: string;
  unitCode: string | null;
  sla: SlaPolicyDto;
  keywords: string[];
  public: boolean;
}

export class UnitPageDto {
  items: UnitDto[];
  nextCursor: string | null;
}

export class CategoryPageDto {
  items: CategoryDto[];
  nextCursor: string | null;
}
