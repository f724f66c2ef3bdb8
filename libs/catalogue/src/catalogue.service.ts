import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOperator, FindOptionsOrder, FindOptionsWhere, MoreThan, Repository } from 'typeorm';
import {
  conflict,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  invalid,
  invalidCursor,
  notFound,
  pgConstraint,
  pgErrorCode,
  PG_FOREIGN_KEY_VIOLATION,
  Page,
  PageQueryDto,
  PG_UNIQUE_VIOLATION,
  Sql,
  toPage,
} from '@app/core';
import { CategoryEntity } from './category.entity';
import { CategoryAttribute, checkAttributeDefinitions } from './domain/category-attributes';
import {
  CATALOGUE_CODE,
  CategoryAttributeDto,
  CategoryDto,
  CreateCategoryDto,
  CreateUnitDto,
  UnitDto,
  UpdateCategoryDto,
} from './dto/catalogue.dto';
import { UnitEntity } from './unit.entity';

type CategoryFields = Omit<CategoryEntity, 'createdAt' | 'updatedAt'>;

/** How long another api process may go on using a category as it was before an administrator changed it. */
export const CATEGORY_CACHE_TTL_MS = 5000;

@Injectable()
export class CatalogueService {
  private readonly categoryCache = new Map<string, { category: CategoryDto; expiresAt: number }>();

  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(CategoryEntity) private readonly categories: Repository<CategoryEntity>,
    private readonly sql: Sql,
  ) {}

  /** With `manager`, inside the caller's transaction. */
  async createUnit(input: CreateUnitDto, manager?: EntityManager): Promise<UnitDto> {
    const units = manager?.getRepository(UnitEntity) ?? this.units;
    await this.save(() => units.insert({ code: input.code, name: input.name }), `unit ${input.code}`);
    return { code: input.code, name: input.name };
  }

  async listUnits(page: PageQueryDto = {}): Promise<Page<UnitDto>> {
    return pageByCode(this.units, page, ({ code, name }) => ({ code, name }));
  }

  async unitExists(code: string): Promise<boolean> {
    return this.units.existsBy({ code });
  }

  /** Which of the given unit and category codes exist, in one query (to check a routing rule set). */
  async knownCodes(
    unitCodes: string[],
    categoryCodes: string[],
    manager: EntityManager = this.units.manager,
  ): Promise<{ unitCodes: Set<string>; categoryCodes: Set<string> }> {
    const [known]: { units: string[]; categories: string[] }[] = await manager.query(
      `SELECT ARRAY(SELECT code FROM units WHERE code = ANY($1::text[])) AS units,
              ARRAY(SELECT code FROM categories WHERE code = ANY($2::text[])) AS categories`,
      [unitCodes, categoryCodes],
    );
    return { unitCodes: new Set(known.units), categoryCodes: new Set(known.categories) };
  }

  /** With `manager`, inside the caller's transaction. */
  async createCategory(input: CreateCategoryDto, manager?: EntityManager): Promise<CategoryDto> {
    const categories = manager?.getRepository(CategoryEntity) ?? this.categories;
    const entity = categories.create({
      code: input.code,
      name: input.name,
      unitCode: input.unitCode ?? null,
      slaKind: input.sla.kind,
      slaAmount: input.sla.amount,
      keywords: input.keywords ?? [],
      isPublic: input.public ?? false,
      description: input.description ?? null,
      attributes: soundAttributes(input.attributes ?? []),
    });
    await this.save(() => categories.insert(entity), `category ${input.code}`);
    return toCategoryDto(entity);
  }

  async listCategories(page: PageQueryDto = {}): Promise<Page<CategoryDto>> {
    return pageByCode(this.categories, page, toCategoryDto);
  }

  /**
   * Read on every intake and edit, so it is served from a per-process cache that this process clears whenever it
   * changes a category, and that other api processes see within {@link CATEGORY_CACHE_TTL_MS}.
   */
  async findCategory(code: string): Promise<CategoryDto | null> {
    const cached = this.categoryCache.get(code);
    if (cached && cached.expiresAt > Date.now()) return cached.category;
    const category = await this.loadCategory(code);
    if (category) this.categoryCache.set(code, { category, expiresAt: Date.now() + CATEGORY_CACHE_TTL_MS });
    return category;
  }

  private async loadCategory(code: string): Promise<CategoryDto | null> {
    const rows = await this.sql.query<CategoryFields>(
      `SELECT code, name, unit_code AS "unitCode", sla_kind AS "slaKind", sla_amount AS "slaAmount", keywords,
              is_public AS "isPublic", description, attributes
         FROM categories WHERE code = $1`,
      [code],
      'category-by-code',
    );
    return rows.length ? toCategoryDto(rows[0]) : null;
  }

  /** Read, change and write under a row lock, so that two administrators' edits cannot overwrite each other. */
  async updateCategory(code: string, changes: UpdateCategoryDto): Promise<CategoryDto> {
    const updated = await this.categories.manager.transaction(async (manager) => {
      const category = await manager.findOne(CategoryEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!category) throw notFound('category_not_found', `There is no category ${code}.`);
      if (changes.name !== undefined) category.name = changes.name;
      if (changes.unitCode !== undefined) category.unitCode = changes.unitCode;
      if (changes.sla !== undefined) {
        category.slaKind = changes.sla.kind;
        category.slaAmount = changes.sla.amount;
      }
      if (changes.keywords !== undefined) category.keywords = changes.keywords;
      if (changes.public !== undefined) category.isPublic = changes.public;
      if (changes.description !== undefined) category.description = changes.description;
      if (changes.attributes !== undefined) category.attributes = soundAttributes(changes.attributes);
      return this.save(() => manager.save(category), `category ${code}`);
    });
    this.categoryCache.delete(code);
    return toCategoryDto(updated);
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

/** A page of a catalogue table in code order; the cursor is the last code of the previous page. */
async function pageByCode<Entity extends { code: string }, Item>(
  repository: Repository<Entity>,
  page: PageQueryDto,
  toItem: (entity: Entity) => Item,
): Promise<Page<Item>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await repository.find({
    where: afterCode(page.cursor) as FindOptionsWhere<Entity>,
    order: { code: 'ASC' } as FindOptionsOrder<Entity>,
    take: limit + 1,
  });
  return toPage(rows, limit, toItem, ({ code }) => [code]);
}

function afterCode(cursor: string | undefined): { code?: FindOperator<string> } {
  if (!cursor) return {};
  const [code] = decodeCursor(cursor, ['string']) as [string];
  if (!CATALOGUE_CODE.test(code)) throw invalidCursor();
  return { code: MoreThan(code) };
}

function toCategoryDto(category: CategoryFields): CategoryDto {
  return {
    code: category.code,
    name: category.name,
    unitCode: category.unitCode,
    sla: { kind: category.slaKind, amount: category.slaAmount },
    keywords: category.keywords,
    public: category.isPublic,
    description: category.description,
    attributes: category.attributes,
  };
}

/** The attributes as stored (a hint left out is null), once their set as a whole is sound. */
function soundAttributes(attributes: readonly CategoryAttributeDto[]): CategoryAttribute[] {
  const stored = attributes.map((attribute) => ({
    code: attribute.code,
    description: attribute.description,
    datatype: attribute.datatype,
    required: attribute.required,
    datatypeDescription: attribute.datatypeDescription ?? null,
    order: attribute.order,
    values: attribute.values.map(({ key, name }) => ({ key, name })),
  }));
  const errors = checkAttributeDefinitions(stored);
  if (errors.length) throw invalid('invalid_attributes', 'The attributes do not fit together.', errors);
  return stored;
}
