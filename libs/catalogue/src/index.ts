export { CatalogueModule } from './catalogue.module';
export { CatalogueService } from './catalogue.service';
export { CATALOGUE_CODE, CategoryDto, IsCatalogueCode, CreateCategoryDto, CreateUnitDto, UnitDto } from './dto/catalogue.dto';
export { SLA_KINDS, SlaKind, SlaPolicy } from './sla';
