import { z } from 'zod';
import { errorEnvelope } from '@/lib/schemas/common';
import { operations } from './ops';
import type { Operation } from './operation';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const s = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete s.$schema;
  return s;
}

function parameters(o: Operation) {
  const out: Record<string, unknown>[] = [];
  for (const [where, schema] of [
    ['path', o.params],
    ['query', o.query],
  ] as const) {
    if (!schema) continue;
    const js = jsonSchema(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
    for (const [name, prop] of Object.entries(js.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === 'path' || (js.required ?? []).includes(name),
        description: prop.description,
        schema: prop,
      });
    }
  }
  return out;
}

const redirects = (o: Operation) => o.successStatus !== undefined && o.successStatus >= 300 && o.successStatus < 400;

/**
 * One Server-Sent Event as OpenAPI 3.1 tools read a text/event-stream `schema`: its name and
 * its data, a JSON text. (OpenAPI 3.2 would put this under `itemSchema`.)
 */
function eventSchema(events: Record<string, z.ZodType>) {
  return {
    oneOf: Object.entries(events).map(([name, data]) => ({
      type: 'object',
      required: ['event', 'data'],
      properties: {
        event: { const: name },
        data: { type: 'string', contentMediaType: 'application/json', contentSchema: jsonSchema(data, 'output') },
        id: { type: 'string' },
        retry: { type: 'integer' },
      },
    })),
  };
}

/** Operations on a cluster reach Kafka: the cluster may be unknown, or Kafka down or slow. */
const KAFKA_ERRORS: Record<number, string> = { 404: 'No such cluster configured', 503: 'Kafka cannot be reached', 504: 'Kafka did not answer in time' };

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const o of operations) {
    const responses: Record<string, unknown> = {
      [String(o.successStatus ?? 200)]: o.stream
        ? {
            description: `Server-Sent Events, one JSON data line each: ${Object.keys(o.events ?? {}).join(', ')}; heartbeats are comments`,
            content: { 'text/event-stream': { schema: o.events ? eventSchema(o.events) : { type: 'string' } } },
          }
        : redirects(o)
          ? {
              description: 'Redirect (a browser navigation)',
              headers: { Location: { description: 'Where the browser goes next', schema: { type: 'string' } } },
            }
          : { description: 'OK', content: { 'application/json': { schema: o.response ? jsonSchema(o.response, 'output') : {} } } },
    };
    const changes = o.method !== 'get';
    const errors: Record<number, string> = {
      400: 'Malformed parameters',
      421: 'The Host header is not one this console answers to',
      500: 'Unexpected error (details only in the server log)',
    };
    if (o.path.includes('{cluster}')) Object.assign(errors, KAFKA_ERRORS);
    // Node.js reads at most 16 KB of request line and headers; long query values can pass that.
    if (o.query) errors[431] = 'The URL and headers together are larger than 16 KB (answered by Node.js, without a body)';
    if (o.permission !== 'public') errors[401] = 'Not signed in, or the session expired';
    if (o.permission !== 'public' && o.permission !== 'signed-in')
      errors[403] = `Missing permission ${o.permission} on this cluster, topic or group (or the cluster is read-only)`;
    if (changes) {
      errors[403] = `${errors[403] ? `${errors[403]}; or` : 'Refused:'} not sent from the console's own origin`;
      errors[413] = 'Request body too large';
      errors[415] = 'The body is not application/json';
    }
    if (o.stream) errors[429] = 'Too many open tails and searches for this user or in all';
    Object.assign(errors, o.errors);
    if (o.body) errors[422] ??= 'The body is well-formed but invalid';
    if (o.confirm) errors[422] = `${errors[422]}; or "confirm" is missing or not the resource's name`;
    for (const [status, description] of Object.entries(errors)) {
      responses[status] =
        status === '431' ? { description } : { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    paths[o.path] ??= {};
    paths[o.path][o.method] = {
      operationId: o.id,
      summary: o.summary,
      description: `Permission: ${o.permission === 'public' ? 'none (public)' : o.permission === 'signed-in' ? 'any signed-in user' : `\`${o.permission}\``}.${o.confirm ? " Destructive: the body's `confirm` must equal the name of what it changes." : ''}`,
      'x-permission': o.permission,
      ...(o.permission !== 'public' ? { security: [{ session: [] }] } : {}),
      tags: [o.tag],
      parameters: parameters(o),
      ...(o.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(o.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kafka Console API',
      version: '0.1.0',
      description: 'The console\'s public HTTP API. Errors share one envelope: { "error": { "code", "message", "field"? } }.',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(errorEnvelope) },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kc_session', description: 'Set by POST /api/auth/login or the OIDC sign-in' } },
    },
  };
}
