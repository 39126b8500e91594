/**
 * Ops API for live commerce, Bearer ops token on every route (checked in `onRequest`, before the
 * body is read, so a request without a valid token changes nothing):
 *
 *   GET    /v1/rooms/:room/products                  products, pins and presentation windows
 *   PUT    /v1/rooms/:room/products/:id              create or replace (full product, validated)
 *   PATCH  /v1/rooms/:room/products/:id              price, originalPrice, stock, soldOut, flashSale, title, tags
 *   POST   /v1/rooms/:room/products/:id/stock        {delta}: host-reported sales (−) or restock (+)
 *   POST   /v1/rooms/:room/products/:id/pin          {replaceOldest?}: max 3 pins, 409 too_many_pins
 *   POST   /v1/rooms/:room/products/:id/unpin
 *   DELETE /v1/rooms/:room/products/:id              also unpins it
 *
 * Errors are `{error: {code, message, path?}}`; messages name the field.
 */
import {
  pinBodySchema,
  productPatchSchema,
  stockDeltaSchema,
  validateProduct,
} from '@onair/commerce/model.js';
import { formatIssue, id, parse, type ValidationIssue } from '@onair/core/validation.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { opsGuard } from './ops-auth.js';
import type { ProductService } from './products.js';
import type { Room, RoomRegistry } from './rooms.js';

export interface ProductRoutesDeps {
  opsToken: string;
  corsOrigins: readonly string[];
  rooms: RoomRegistry;
  products: ProductService;
}

type Result =
  | { ok: true; value: unknown }
  | { ok: false; status: number; error: { code: string; message: string; path?: string } };

const roomId = id(64);
const productId = id(64);

export async function productRoutes(app: FastifyInstance, deps: ProductRoutesDeps): Promise<void> {
  opsGuard(app, deps);

  // The ops plugin answers `OPTIONS /v1/rooms/*` for GET/POST/DELETE; PUT and PATCH need their own.
  app.options('/v1/rooms/:room/products', async (_req, reply) => reply.code(204).send());
  app.options('/v1/rooms/:room/products/*', async (_req, reply) => reply.code(204).send());

  /** Resolves `:room` and `:id`, runs `fn`, and lets go of a room a refused call brought in for nothing. */
  const handle = (req: FastifyRequest, reply: FastifyReply, fn: (room: Room, id: string) => Result) => {
    const params = req.params as { room: string; id?: string };
    const room = parse(roomId, params.room);
    if (!room.ok) return reply.code(400).send(invalid('invalid_room', room.issues[0]!, 'room'));
    let product = '';
    if (params.id !== undefined) {
      const parsed = parse(productId, params.id);
      if (!parsed.ok) return reply.code(400).send(invalid('invalid_product', parsed.issues[0]!, 'id'));
      product = parsed.value;
    }
    const live = deps.rooms.get(room.value);
    try {
      const result = fn(live, product);
      if (!result.ok) return reply.code(result.status).send({ error: result.error });
      return reply.code(200).send(result.value);
    } finally {
      deps.rooms.release(live);
    }
  };

  /** Parses a body against a schema; the error names the field. */
  const body = <T>(
    schema: Parameters<typeof parse>[0],
    input: unknown,
    run: (value: T) => Result,
  ): Result => {
    const parsed = parse(schema, input);
    if (!parsed.ok) return badBody(parsed.issues[0]!);
    return run(parsed.value as T);
  };

  app.get('/v1/rooms/:room/products', (req, reply) =>
    handle(req, reply, (room) => ({ ok: true, value: deps.products.list(room) })),
  );

  app.put('/v1/rooms/:room/products/:id', (req, reply) =>
    handle(req, reply, (room, product) => {
      const input = req.body as Record<string, unknown> | undefined;
      // The id is the URL's; a body may repeat it but not contradict it.
      if (input && typeof input === 'object' && 'id' in input && input.id !== product)
        return {
          ok: false,
          status: 400,
          error: { code: 'invalid_body', message: `id: expected "${product}" (the URL's id)`, path: 'id' },
        };
      const valid = validateProduct(input && typeof input === 'object' ? { ...input, id: product } : input);
      if (!valid.ok) return badBody(valid.issues[0]!);
      return wrap('product', deps.products.put(room, valid.value));
    }),
  );

  app.patch('/v1/rooms/:room/products/:id', (req, reply) =>
    handle(req, reply, (room, product) =>
      body(productPatchSchema, req.body ?? {}, (patch: Parameters<ProductService['patch']>[2]) =>
        wrap('product', deps.products.patch(room, product, patch)),
      ),
    ),
  );

  app.post('/v1/rooms/:room/products/:id/stock', (req, reply) =>
    handle(req, reply, (room, product) =>
      body(stockDeltaSchema, req.body, ({ delta }: { delta: number }) =>
        wrap('product', deps.products.stock(room, product, delta)),
      ),
    ),
  );

  app.post('/v1/rooms/:room/products/:id/pin', (req, reply) =>
    handle(req, reply, (room, product) =>
      body(pinBodySchema, req.body ?? {}, ({ replaceOldest }: { replaceOldest: boolean }) =>
        wrap('pins', deps.products.pin(room, product, replaceOldest)),
      ),
    ),
  );

  app.post('/v1/rooms/:room/products/:id/unpin', (req, reply) =>
    handle(req, reply, (room, product) => wrap('pins', deps.products.unpin(room, product))),
  );

  app.delete('/v1/rooms/:room/products/:id', (req, reply) =>
    handle(req, reply, (room, product) => deps.products.remove(room, product)),
  );
}

function wrap(key: string, outcome: Result): Result {
  return outcome.ok ? { ok: true, value: { [key]: outcome.value } } : outcome;
}

function badBody(issue: ValidationIssue): Result {
  return {
    ok: false,
    status: 400,
    error: issue.path
      ? { code: 'invalid_body', message: formatIssue(issue), path: issue.path }
      : { code: 'invalid_body', message: formatIssue(issue) },
  };
}

function invalid(code: string, issue: ValidationIssue, path: string) {
  return { error: { code, message: `${path}: ${formatIssue({ ...issue, path: '' })}`, path } };
}
