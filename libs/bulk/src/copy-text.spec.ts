import { copyLine } from './copy-text';

describe('copyLine (COPY text format)', () => {
  it('separates values by tabs and ends the line', () => {
    expect(copyLine([1, 'CRM-1', true, '2020-03-15T08:00:00.000Z'])).toBe('1\tCRM-1\ttrue\t2020-03-15T08:00:00.000Z\n');
  });

  it('writes null as \\N and an empty text as nothing', () => {
    expect(copyLine([null, '', 'x'])).toBe('\\N\t\tx\n');
  });

  it.each([
    ['a backslash', 'C:\\dane', 'C:\\\\dane'],
    ['a new line', 'dwie\nlinie', 'dwie\\nlinie'],
    ['a carriage return', 'a\r\nb', 'a\\r\\nb'],
    ['a tab', 'a\tb', 'a\\tb'],
    ['the text \\N', '\\N', '\\\\N'],
    ['the end-of-data marker', '\\.', '\\\\.'],
    ['quotes and commas (nothing special)', '"a", b', '"a", b'],
    ['other control characters (nothing special)', 'a\u0001b', 'a\u0001b'],
  ])('escapes %s', (_, value, escaped) => {
    expect(copyLine([value])).toBe(`${escaped}\n`);
  });
});
