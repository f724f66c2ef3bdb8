import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  conflict,
  invalid,
  notFound,
  pgConstraint,
  pgErrorCode,
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
} from '@app/core';
import { CategoryEntity } from './category.entity';
import { CategoryDto, CreateCategoryDto, CreateUnitDto, UnitDto, UpdateCategoryDto } from './dto/catalogue.dto';
import { UnitEntity } from './unit.entity';

@Injectable()
export class CatalogueService {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(CategoryEntity) private readonly categories: Repository<CategoryEntity>,
  ) {}

  async createUnit(input: CreateUnitDto): Promise<UnitDto> {
    await this.save(() => this.units.insert({ code: input.code, name: input.name }), `unit ${input.code}`);
    return { code: input.code, name: input.name };
  }

  async listUnits(): Promise<UnitDto[]> {
    const units = await this.units.find({ order: { code: 'ASC' } });
    return units.map(({ code, name }) => ({ code, name }));
  }

  async unitExists(code: string): Promise<boolean> {
    return this.units.existsBy({ code });
  }

  async createCategory(input: CreateCategoryDto): Promise<CategoryDto> {
    const entity = this.categories.create({
      code: input.code,
      name: input.name,
      unitCode: input.unitCode ?? null,
      slaKind: input.sla.kind,
      slaAmount: input.sla.amount,
      keywords: input.keywords ?? [],
      isPublic: input.public ?? false,
    });
    await this.save(() => this.categories.insert(entity), `category ${input.code}`);
    return toCategoryDto(entity);
  }

  async listCategories(): Promise<CategoryDto[]> {
    const categories = await this.categories.find({ order: { code: 'ASC' } });
    return categories.map(toCategoryDto);
  }

  async findCategory(code: string): Promise<CategoryDto | null> {
    const category = await this.categories.findOneBy({ code });
    return category ? toCategoryDto(category) : null;
  }

  async updateCategory(code: string, changes: UpdateCategoryDto): Promise<CategoryDto> {
    const category = await this.categories.findOneBy({ code });
    if (!category) throw notFound('category_not_found', `There is no category ${code}.`);
    if (changes.name !== undefined) category.name = changes.name;
    if (changes.unitCode !== undefined) category.unitCode = changes.unitCode;
    if (changes.sla !== undefined) {
      category.slaKind = changes.sla.kind;
      category.slaAmount = changes.sla.amount;
    }
    if (changes.keywords !== undefined) category.keywords = changes.keywords;
    if (changes.public !== undefined) category.isPublic = changes.public;
    await this.save(() => this.categories.save(category), `category ${code}`);
    return toCategoryDto(category);
  }

  /** Turns the database's own integrity checks into domain errors. */
  private async save<T>(write: () => Promise<T>, what: string): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) throw conflict('already_exists', `The ${what} already exists.`);
      if (pgErrorCode(error) === PG_FOREIGN_KEY_VIOLATION && pgConstraint(error)) {
        throw invalid('unknown_unit', 'There is no such unit.', [{ field: 'unitCode', message: 'unknown unit' }]);
      }
      throw error;
    }
  }
}

function toCategoryDto(category: CategoryEntity): CategoryDto {
  return {
    code: category.code,
    name: category.name,
    unitCode: category.unitCode,
    sla: { kind: category.slaKind, amount: category.slaAmount },
    keywords: category.keywords,
    public: category.isPublic,
  };
}
