import { expectConformingAnswers } from './openapi-conformance';

// A test fails when an answer it received breaks the OpenAPI document; answers received in `beforeAll` count
// towards the first test, and those of `afterAll` towards the file.
afterEach(expectConformingAnswers);
afterAll(expectConformingAnswers);
