/** The validators module's text for a contract schema document (see generate-validators.mjs). */
export function generateValidators(schema: unknown): string;
