export { CatalogueModule } from './catalogue.module';
export { CatalogueService } from './catalogue.service';
export { CategoryDto, CreateCategoryDto, CreateUnitDto, IsCatalogueCode, UnitDto } from './dto/catalogue.dto';
export { SLA_KINDS, SlaKind, SlaPolicy } from './sla';
