import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  createValidationPipe,
  DomainError,
  FieldError,
  invalid,
  isUuid,
  notFound,
} from '@app/core';
import { CatalogueService, readAttributeAnswers } from '@app/catalogue';
import { CreateCaseDto, IntakeCase, IntakeRequest } from '@app/cases';
import type { StaffUser } from '@app/identity';
import { ApiKeyHolder, ApiKeys } from './api-keys/api-keys.store';
import { Open311Value } from './domain/open311-document';
import {
  createdRequestOf,
  discoveryOf,
  JURISDICTION_ID,
  requestOf,
  serviceDefinitionOf,
  serviceOf,
  tokenOf,
} from './domain/open311-views';
import { readRequestQuery, requestIdErrors } from './domain/request-query';
import {
  describe,
  Open311Fields,
  readServiceRequest,
  residentName,
  subjectOf,
  valuesOf,
} from './domain/service-request';
import { Open311Store } from './open311.store';
import { Open311Throttle } from './open311-throttle';

/** Where a case's own rules name a field, the Open311 parameter it came from. */
const PARAMETER_OF_CASE_FIELD: Record<string, string> = {
  'resident.name': 'first_name',
  'resident.phone': 'phone',
  'resident.email': 'email',
  'location.address': 'address_string',
  'location.lat': 'lat',
  'location.lon': 'long',
  description: 'description',
  subject: 'description',
};

const caseRules = createValidationPipe();

/**
 * Open311 GeoReport v2 on top of the catalogue and the case store: services are categories, requests are cases of
 * channel `open311`, taken in by the same use case as an agent's (routed, given a deadline, assigned).
 */
@Injectable()
export class Open311Service {
  constructor(
    private readonly store: Open311Store,
    private readonly catalogue: CatalogueService,
    private readonly intake: IntakeCase,
    private readonly apiKeys: ApiKeys,
    private readonly throttle: Open311Throttle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every public read counts against its address's allowance; `jurisdiction_id`, if given, must be ours. */
  async beginRead(fields: Open311Fields, address: string): Promise<void> {
    checkJurisdiction(fields);
    await this.throttle.read(address);
  }

  discovery(): Open311Value {
    return discoveryOf(this.config.publicUrl);
  }

  async services(): Promise<Open311Value> {
    return (await this.store.services()).map(serviceOf);
  }

  async serviceDefinition(code: string): Promise<Open311Value> {
    const attributes = await this.store.serviceAttributes(code);
    if (!attributes) throw unknownService(code);
    return serviceDefinitionOf(code, attributes);
  }

  async requests(fields: Open311Fields): Promise<Open311Value> {
    return (await this.store.requests(readRequestQuery(fields, new Date()))).map(requestOf);
  }

  async request(id: string): Promise<Open311Value> {
    const errors = requestIdErrors([id]);
    if (errors.length) throw invalid('invalid_request_id', `${id} is not a request id.`, errors);
    const row = await this.store.request(id);
    if (!row) throw notFound('request_not_found', `There is no public request ${id}.`);
    return [requestOf(row)];
  }

  async token(token: string): Promise<Open311Value> {
    const number = isUuid(token) ? await this.store.numberOfToken(token) : null;
    if (!number) throw notFound('token_not_found', `There is no request with the token ${token}.`);
    return tokenOf(number, token);
  }

  /** A new request: the key checked (403), the parameters and answers checked (400), then taken in as a case. */
  async create(fields: Open311Fields, address: string): Promise<Open311Value> {
    checkJurisdiction(fields);
    const holder = await this.authenticate(fields.api_key, address);
    await this.throttle.post(holder.id);
    const request = readServiceRequest(fields);
    const category = await this.catalogue.findCategory(request.serviceCode);
    if (!category) throw unknownService(request.serviceCode);
    const { answers, errors } = readAttributeAnswers(category.attributes, request.attributes);
    if (errors.length) throw invalid('invalid_attributes', describe(errors), errors);
    const caseRequest = await asCase({
      channel: 'open311',
      categoryCode: category.code,
      subject: subjectOf(request.description, category.name),
      description: request.description ?? undefined,
      resident: residentOf(request),
      location: {
        ...((request.addressString ?? request.addressId)
          ? { address: request.addressString ?? `address_id ${request.addressId}` }
          : {}),
        ...(request.lat !== null && request.long !== null ? { lat: request.lat, lon: request.long } : {}),
      },
    });
    const { body } = await this.intake.execute(
      { ...caseRequest, attributes: answers, mediaUrl: request.mediaUrl },
      actorOf(holder),
    );
    return createdRequestOf(body.number, body.dueDate);
  }

  private async authenticate(key: Open311Fields[string], address: string): Promise<ApiKeyHolder> {
    await this.throttle.checkKeyGuesses(address);
    const given = typeof key === 'string' ? key.trim() : '';
    const holder = given ? await this.apiKeys.authenticate(given) : null;
    if (holder) return holder;
    await this.throttle.wrongKey(address);
    throw new DomainError(
      'invalid_api_key',
      given ? 'The api_key is not valid.' : 'An api_key is required to post a request.',
      'forbidden',
    );
  }
}

function checkJurisdiction(fields: Open311Fields): void {
  const unknown = valuesOf(fields, 'jurisdiction_id').find(
    (value) => value !== '' && value.toLowerCase() !== JURISDICTION_ID,
  );
  if (unknown !== undefined) {
    throw notFound('jurisdiction_not_found', `This endpoint serves the jurisdiction ${JURISDICTION_ID} only.`);
  }
}

function unknownService(code: string): DomainError {
  return notFound('service_not_found', `There is no service ${code}.`);
}

function residentOf(request: ReturnType<typeof readServiceRequest>): CreateCaseDto['resident'] {
  const name = residentName(request.firstName, request.lastName);
  const resident = {
    ...(name ? { name } : {}),
    ...(request.phone ? { phone: request.phone } : {}),
    ...(request.email ? { email: request.email } : {}),
  };
  return Object.keys(resident).length ? resident : undefined;
}

/** The case as an agent's intake would take it, held to the same rules; errors named by the Open311 parameter. */
async function asCase(plain: Record<string, unknown>): Promise<IntakeRequest> {
  try {
    return (await caseRules.transform(plain, { type: 'body', metatype: CreateCaseDto })) as IntakeRequest;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors: FieldError[] = (error.details.errors ?? []).map((fieldError) => ({
      field: PARAMETER_OF_CASE_FIELD[fieldError.field] ?? fieldError.field,
      message: fieldError.message,
    }));
    throw invalid('invalid_service_request', describe(errors), errors);
  }
}

/** Who the case history names as having taken the request in: the key's holder. */
function actorOf(holder: ApiKeyHolder): StaffUser {
  return { id: holder.id, username: `open311:${holder.name}`, role: 'agent', unitCode: null };
}
