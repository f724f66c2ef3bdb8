import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiProblems, PageQueryDto } from '@app/core';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/identity';
import { CatalogueService } from './catalogue.service';
import {
  CategoryDto,
  CategoryPageDto,
  CreateCategoryDto,
  CreateUnitDto,
  UnitDto,
  UnitPageDto,
  CATALOGUE_CODE,
  UpdateCategoryDto,
} from './dto/catalogue.dto';

const ALREADY_EXISTS = { status: 409, description: 'A unit or category with this code already exists.' } as const;
const UNKNOWN_UNIT = { status: 400, description: 'Not valid (see `errors`), or `unitCode` names no unit.' } as const;

/** Units and categories: any member of staff reads them, an administrator changes them. */
@ApiTags('catalogue')
@ApiBearerAuth()
@Controller()
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Post('units')
  @Roles('admin')
  @ApiOperation({ summary: 'Adds a unit' })
  @ApiCreatedResponse({ type: UnitDto })
  @ApiProblems(ALREADY_EXISTS)
  createUnit(@Body() body: CreateUnitDto): Promise<UnitDto> {
    return this.catalogue.createUnit(body);
  }

  @Get('units')
  @ApiOperation({ summary: 'Lists the units by code' })
  @ApiOkResponse({ type: UnitPageDto })
  @ApiProblems(400)
  listUnits(@Query() page: PageQueryDto): Promise<UnitPageDto> {
    return this.catalogue.listUnits(page);
  }

  @Post('categories')
  @Roles('admin')
  @ApiOperation({ summary: 'Adds a category with its unit and SLA' })
  @ApiCreatedResponse({ type: CategoryDto })
  @ApiProblems(UNKNOWN_UNIT, ALREADY_EXISTS)
  createCategory(@Body() body: CreateCategoryDto): Promise<CategoryDto> {
    return this.catalogue.createCategory(body);
  }

  @Get('categories')
  @ApiOperation({ summary: 'Lists the categories by code' })
  @ApiOkResponse({ type: CategoryPageDto })
  @ApiProblems(400)
  listCategories(@Query() page: PageQueryDto): Promise<CategoryPageDto> {
    return this.catalogue.listCategories(page);
  }

  @Patch('categories/:code')
  @Roles('admin')
  @ApiOperation({ summary: 'Changes a category: the fields sent, nothing else' })
  @ApiParam({ name: 'code', schema: { type: 'string', pattern: CATALOGUE_CODE.source } })
  @ApiOkResponse({ type: CategoryDto })
  @ApiProblems(UNKNOWN_UNIT, 404)
  updateCategory(@Param('code') code: string, @Body() body: UpdateCategoryDto): Promise<CategoryDto> {
    return this.catalogue.updateCategory(code, body);
  }
}
