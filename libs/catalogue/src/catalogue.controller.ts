import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { PageQueryDto } from '@app/core';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/identity';
import { CatalogueService } from './catalogue.service';
import {
  CategoryDto,
  CategoryPageDto,
  CreateCategoryDto,
  CreateUnitDto,
  UnitDto,
  UnitPageDto,
  UpdateCategoryDto,
} from './dto/catalogue.dto';

/** Units and categories: any member of staff reads them, an administrator changes them. */
@ApiTags('catalogue')
@ApiBearerAuth()
@Controller()
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Post('units')
  @Roles('admin')
  createUnit(@Body() body: CreateUnitDto): Promise<UnitDto> {
    return this.catalogue.createUnit(body);
  }

  @Get('units')
  listUnits(@Query() page: PageQueryDto): Promise<UnitPageDto> {
    return this.catalogue.listUnits(page);
  }

  @Post('categories')
  @Roles('admin')
  createCategory(@Body() body: CreateCategoryDto): Promise<CategoryDto> {
    return this.catalogue.createCategory(body);
  }

  @Get('categories')
  listCategories(@Query() page: PageQueryDto): Promise<CategoryPageDto> {
    return this.catalogue.listCategories(page);
  }

  @Patch('categories/:code')
  @Roles('admin')
  updateCategory(@Param('code') code: string, @Body() body: UpdateCategoryDto): Promise<CategoryDto> {
    return this.catalogue.updateCategory(code, body);
  }
}
