import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/identity';
import { CatalogueService } from './catalogue.service';
import { CategoryDto, CreateCategoryDto, CreateUnitDto, UnitDto, UpdateCategoryDto } from './dto/catalogue.dto';

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
  listUnits(): Promise<UnitDto[]> {
    return this.catalogue.listUnits();
  }

  @Post('categories')
  @Roles('admin')
  createCategory(@Body() body: CreateCategoryDto): Promise<CategoryDto> {
    return this.catalogue.createCategory(body);
  }

  @Get('categories')
  listCategories(): Promise<CategoryDto[]> {
    return this.catalogue.listCategories();
  }

  @Patch('categories/:code')
  @Roles('admin')
  updateCategory(@Param('code') code: string, @Body() body: UpdateCategoryDto): Promise<CategoryDto> {
    return this.catalogue.updateCategory(code, body);
  }
}
