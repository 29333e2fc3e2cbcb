import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';
import Type from 'typebox';

/** Version of the API document; bump on a breaking change to a route or schema. */
export const API_VERSION = '0.1.0';

/**
 * Collects every route's schema into an OpenAPI 3.1 document served at
 * GET /api/openapi.json. Registered before the route plugins: it learns
 * routes through an onRoute hook, so later registrations are the ones it sees.
 */
export const openapiPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Loopline API',
          version: API_VERSION,
          description:
            'Series, episodes and bible of a micro-drama writers’ room. Errors: { error: { code, message, details? } }. ' +
            'Signed-in requests carry the session cookie; state-changing ones also the header x-csrf-token.',
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: '__Host-loopline_session', description: 'Set by POST /api/auth/login.' },
          },
        },
      },
    });
    app.get(
      '/api/openapi.json',
      {
        config: { access: { kind: 'public' } },
        schema: {
          summary: 'This OpenAPI document',
          tags: ['meta'],
          response: {
            200: Type.Object(
              { openapi: Type.String(), info: Type.Object({}, { additionalProperties: true }), paths: Type.Record(Type.String(), Type.Unknown()) },
              { additionalProperties: true },
            ),
          },
        },
      },
      async () => app.swagger() as unknown as { openapi: string; info: object; paths: Record<string, unknown> },
    );
  },
  { name: 'loopline-openapi', fastify: '5.x', dependencies: ['loopline-errors'] },
);
