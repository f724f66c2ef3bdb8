export { RoutingModule } from './routing.module';
export { RoutingService } from './routing.service';
export {
  chooseRoute,
  CompiledRule,
  compileRules,
  RouteChoice,
  RoutingFacts,
  RoutingRule,
} from './domain/routing-rules';
export {
  computeDue,
  Due,
  extendDueAfterWaiting,
  SLA_STATES,
  slaBoundaries,
  SlaState,
  slaStateOf,
  slaWarningAt,
} from './domain/due-date';
