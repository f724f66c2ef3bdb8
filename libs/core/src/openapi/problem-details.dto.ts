import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

@ApiSchema({ name: 'FieldError' })
export class FieldErrorDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'For a file (a CSV import): the data row, 1 being the first after the header (0: the header).',
  })
  row?: number;

  @ApiProperty({ description: 'The field, dotted for nested ones (`resident.phone`); a header by its name.' })
  field: string;

  @ApiProperty()
  message: string;
}

@ApiSchema({
  name: 'ProblemDetails',
  description: 'RFC 9457 problem details: the one shape of every error answer.',
})
export class ProblemDetailsDto {
  @ApiProperty({
    description: 'Identifies the kind of problem; `about:blank` when the status says it all.',
    example: 'https://contact-centre.gdansk.pl/problems/validation-failed',
  })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 })
  status: number;

  @ApiProperty({ example: 'The request is not valid; see errors.' })
  detail: string;

  @ApiPropertyOptional({ description: 'Stable machine-readable code of the problem.', example: 'validation_failed' })
  code?: string;

  @ApiProperty({ description: 'Id of the request, also sent as `X-Request-Id`: quote it to support.' })
  requestId: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'What is wrong with each field, for 400 answers.' })
  errors?: FieldErrorDto[];
}
