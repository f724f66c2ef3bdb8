import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { notFound, ReadsForm, RendersErrors } from '@app/core';
import { Public } from '@app/identity';
import {
  isOpen311Format,
  Open311Format,
  Open311Root,
  Open311Value,
  splitResourceFile,
} from './domain/open311-document';
import { open311Fields, type Open311Fields } from './domain/service-request';
import { renderOpen311Error, sendOpen311 } from './open311-http';
import { Open311Service } from './open311.service';

/**
 * Open311 GeoReport v2 (open311.org), outside the JSON API and its OpenAPI document: the specification is its
 * documentation. Every path ends in its format, `.xml` (the specification's mandatory one) or `.json`; errors
 * come in the specification's own shape, in the format asked for.
 */
@ApiExcludeController()
@Public()
@Controller('open311/v2')
export class Open311Controller {
  constructor(private readonly open311: Open311Service) {}

  @Get('discovery.:format')
  @RendersErrors(renderOpen311Error)
  async discovery(
    @Param('format') format: string,
    @Query() query: Open311Fields,
    @Ip() address: string,
    @Res() reply: FastifyReply,
  ) {
    await this.read(reply, 'discovery', formatOf(format), query, address, () =>
      Promise.resolve(this.open311.discovery()),
    );
  }

  @Get('services.:format')
  @RendersErrors(renderOpen311Error)
  async services(
    @Param('format') format: string,
    @Query() query: Open311Fields,
    @Ip() address: string,
    @Res() reply: FastifyReply,
  ) {
    await this.read(reply, 'services', formatOf(format), query, address, () => this.open311.services());
  }

  @Get('services/:file')
  @RendersErrors(renderOpen311Error)
  async serviceDefinition(
    @Param('file') file: string,
    @Query() query: Open311Fields,
    @Ip() address: string,
    @Res() reply: FastifyReply,
  ) {
    const { name, format } = resourceOf(file);
    await this.read(reply, 'service_definition', format, query, address, () => this.open311.serviceDefinition(name));
  }

  @Get('requests.:format')
  @RendersErrors(renderOpen311Error)
  async requests(
    @Param('format') format: string,
    @Query() query: Open311Fields,
    @Ip() address: string,
    @Res() reply: FastifyReply,
  ) {
    await this.read(reply, 'service_requests', formatOf(format), query, address, () => this.open311.requests(query));
  }

  /**
   * Form-encoded as the specification says (JSON accepted too); parameters may also come in the query string.
   * Answers 200, as Open311 clients expect (ADR 0019), where Nest would say 201.
   */
  @Post('requests.:format')
  @HttpCode(200)
  @ReadsForm()
  @RendersErrors(renderOpen311Error)
  async create(
    @Param('format') format: string,
    @Query() query: Open311Fields,
    @Body() body: unknown,
    @Ip() address: string,
    @Res() reply: FastifyReply,
  ) {
    const asked = formatOf(format);
    const created = await this.open311.create(open311Fields(query, body), address);
    sendOpen311(reply, 'service_requests', created, asked);
  }

  @Get('requests/:file')
  @RendersErrors(renderOpen311Error)
  async request(
    @Param('file') file: string,
    @Query() query: Open311Fields,
    @Ip() address: string,
    @Res() reply: FastifyReply,
  ) {
    const { name, format } = resourceOf(file);
    await this.read(reply, 'service_requests', format, query, address, () => this.open311.request(name));
  }

  @Get('tokens/:file')
  @RendersErrors(renderOpen311Error)
  async token(
    @Param('file') file: string,
    @Query() query: Open311Fields,
    @Ip() address: string,
    @Res() reply: FastifyReply,
  ) {
    const { name, format } = resourceOf(file);
    await this.read(reply, 'service_requests', format, query, address, () => this.open311.token(name));
  }

  private async read(
    reply: FastifyReply,
    root: Open311Root,
    format: Open311Format,
    query: Open311Fields,
    address: string,
    answer: () => Promise<Open311Value>,
  ): Promise<void> {
    await this.open311.beginRead(query, address);
    sendOpen311(reply, root, await answer(), format);
  }
}

function formatOf(format: string): Open311Format {
  if (!isOpen311Format(format)) throw notFound('unknown_format', 'Open311 answers in .xml or .json.');
  return format;
}

function resourceOf(file: string): { name: string; format: Open311Format } {
  const resource = splitResourceFile(file);
  if (!resource) throw notFound('unknown_format', 'Open311 answers in .xml or .json.');
  return resource;
}
