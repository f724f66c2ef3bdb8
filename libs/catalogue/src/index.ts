export { CatalogueModule } from './catalogue.module';
export { CatalogueService } from './catalogue.service';
export {
  CATALOGUE_CODE,
  CATALOGUE_CODE_SCHEMA,
  CategoryDto,
  CreateCategoryDto,
  CreateUnitDto,
  IsCatalogueCode,
  UnitDto,
} from './dto/catalogue.dto';
export { SLA_KINDS, SlaKind, SlaPolicy } from './sla';
export {
  ATTRIBUTE_DATATYPES,
  AttributeAnswers,
  AttributeDatatype,
  CategoryAttribute,
  readAttributeAnswers,
} from './domain/category-attributes';
