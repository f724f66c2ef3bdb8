import { plainToInstance, Type } from 'class-transformer';
import {
  IsEmail,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
  ValidationError,
  validateSync,
} from 'class-validator';
import { flattenValidationErrors } from './validation';

/** Builds a class-validator ValidationError node. */
function node(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('flattenValidationErrors', () => {
  it('returns nothing for no errors', () => {
    expect(flattenValidationErrors([])).toEqual([]);
  });

  it('names nested fields with dotted paths, depth first, one entry per constraint', () => {
    const errors = [
      node('subject', { isString: 'subject must be a string', minLength: 'subject must be longer' }),
      node('resident', undefined, [
        node('phone', { matches: 'phone must look like a phone number' }),
        node('address', undefined, [node('street', { isNotEmpty: 'street should not be empty' })]),
      ]),
      node('priority', { isIn: 'priority must be one of low, normal, high, urgent' }),
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'subject', message: 'subject must be a string' },
      { field: 'subject', message: 'subject must be longer' },
      { field: 'resident.phone', message: 'phone must look like a phone number' },
      { field: 'resident.address.street', message: 'street should not be empty' },
      { field: 'priority', message: 'priority must be one of low, normal, high, urgent' },
    ]);
  });

  it('keeps array indexes in the path, in brackets', () => {
    const errors = [
      node('attachments', undefined, [node('1', undefined, [node('url', { isUrl: 'url must be a URL' })])]),
    ];
    expect(flattenValidationErrors(errors)).toEqual([{ field: 'attachments[1].url', message: 'url must be a URL' }]);
  });

  it('prefixes the given parent', () => {
    expect(flattenValidationErrors([node('lat', { isNumber: 'lat must be a number' })], 'location')).toEqual([
      { field: 'location.lat', message: 'lat must be a number' },
    ]);
  });

  it.each([
    ['property foo should not exist', 'unknown field'],
    ['property resident_name should not exist', 'unknown field'],
    ['property foo should not exist!', 'property foo should not exist!'],
    ['the property foo should not exist', 'the property foo should not exist'],
    ['property foo bar should not exist', 'property foo bar should not exist'],
  ])('reports %j as %j', (constraint, message) => {
    expect(flattenValidationErrors([node('foo', { whitelistValidation: constraint })])).toEqual([
      { field: 'foo', message },
    ]);
  });

  describe('on errors from class-validator itself', () => {
    class ResidentDto {
      @IsOptional() @IsString() @MaxLength(5) phone?: string;
      @IsOptional() @IsEmail() email?: string;
    }
    class CaseDto {
      @IsString() @MinLength(3) subject!: string;
      @IsOptional() @ValidateNested() @Type(() => ResidentDto) resident?: ResidentDto;
    }

    function validate(plain: object) {
      const errors = validateSync(plainToInstance(CaseDto, plain), {
        whitelist: true,
        forbidNonWhitelisted: true,
        validationError: { target: false, value: false },
      });
      // class-validator decides the order of sibling errors; compare them sorted by field.
      return flattenValidationErrors(errors).sort((a, b) => a.field.localeCompare(b.field));
    }

    it('names nested failures like resident.phone and unknown fields as "unknown field"', () => {
      expect(validate({ subject: 'Pothole', resident: { phone: '+48 601 234 567', age: 41 }, color: 'red' })).toEqual([
        { field: 'color', message: 'unknown field' },
        { field: 'resident.age', message: 'unknown field' },
        { field: 'resident.phone', message: 'phone must be shorter than or equal to 5 characters' },
      ]);
    });

    it('reports nothing for a valid body', () => {
      expect(validate({ subject: 'Pothole', resident: { email: 'jan@example.pl' } })).toEqual([]);
    });
  });
});
