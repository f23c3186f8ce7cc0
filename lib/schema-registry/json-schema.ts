/**
 * JSON Schema records: the payload after the schema id is the JSON text itself. Values to
 * produce are checked with @cfworker/json-schema, which interprets the schema (no code is
 * generated from it, unlike Ajv), drafts 4 to 2020-12.
 */
import { Validator, type Schema } from '@cfworker/json-schema';

export class JsonSchemaError extends Error {
  constructor(
    message: string,
    readonly path = '',
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'JsonSchemaError';
  }
}

export interface JsonSchemaCodec {
  validate(value: unknown): void;
}

function draftOf(schema: Schema): '4' | '7' | '2019-09' | '2020-12' {
  const s = typeof schema === 'object' && schema && typeof schema.$schema === 'string' ? schema.$schema : '';
  if (s.includes('draft-04')) return '4';
  if (s.includes('draft-06') || s.includes('draft-07')) return '7';
  if (s.includes('2019-09')) return '2019-09';
  return s.includes('2020-12') ? '2020-12' : '7';
}

/** `references`: name → schema text, as the registry lists them. */
export function parseJsonSchema(text: string, references: { name: string; text: string }[] = []): JsonSchemaCodec {
  let schema: Schema;
  try {
    schema = JSON.parse(text) as Schema;
  } catch {
    throw new JsonSchemaError('the schema is not valid JSON');
  }
  if (typeof schema !== 'object' && typeof schema !== 'boolean') throw new JsonSchemaError('a JSON Schema is an object or a boolean');
  const validator = new Validator(schema, draftOf(schema), false);
  for (const r of references) {
    try {
      validator.addSchema(JSON.parse(r.text) as Schema, r.name);
    } catch {
      throw new JsonSchemaError(`reference ${r.name} is not valid JSON`);
    }
  }
  return {
    validate(value) {
      const res = validator.validate(value);
      if (res.valid) return;
      // The deepest error says the most: "#/address/zip" → "/address/zip".
      const errs = res.errors.filter((e) => e.keyword !== 'properties' && e.keyword !== 'allOf' && e.keyword !== '$ref');
      const e = (errs.length ? errs : res.errors).reduce((a, b) => (b.instanceLocation.length > a.instanceLocation.length ? b : a));
      throw new JsonSchemaError(e.error, e.instanceLocation.replace(/^#/, ''));
    },
  };
}
