/**
 * The campaign routes, their own ops plugin (scope `campaigns`: `campaigns:read` for GET and HEAD,
 * `campaigns:write` otherwise). Under `/v1/rooms/:room/campaign`:
 * - `GET` what is live now (the campaign, its progress, what each slot shows);
 * - `PUT` push a campaign (checked in full, refused with paths; preflight errors refuse it unless
 *   `?force=true`), stored as the room's next version;
 * - `POST …/preflight` check one without pushing; `GET …/versions`, `GET …/versions/:version`,
 *   `POST …/versions/:version/rollback`;
 * - `POST …/live`, `…/pause`, `…/resume`, `…/end`, `…/items/:item/trigger`.
 * And `GET /v1/campaigns/schema`: the document's JSON Schema, assembled from the running features.
 */
import {
  type Campaign,
  type CampaignRecord,
  campaignJsonSchema,
  formatCampaignIssue,
  preflight,
  validateCampaign,
} from '@onair/campaign/model.js';
import type { Clock } from '@onair/core/feature.js';
import type { RoomState } from '@onair/core/protocol.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { statusOf } from '../feature-routes.js';
import { opsGuard } from '../ops-auth.js';
import { withOpsRoom } from '../ops-room.js';
import type { HostedRoom, RoomHost } from '../room-host.js';
import { type CampaignRunner, inRoom as inRoomById } from './runner.js';
import type { CampaignVersions } from './versions.js';

export interface CampaignRoutesDeps {
  opsToken: string;
  corsOrigins: readonly string[];
  rooms: RoomHost;
  versions: CampaignVersions;
  runner: CampaignRunner;
  clock: Clock;
}

type Answer = { status: number; body: unknown };

const fail = (status: number, code: string, message: string, extra: object = {}): Answer => ({
  status,
  body: { error: { code, message, ...extra } },
});

/** The whole list of issues, each with its path and message, as the first issue's error. */
function invalid(issues: { path: string; key: string }[], lang: string): Answer {
  const list = issues.slice(0, 50).map((issue) => ({
    path: issue.path,
    message: formatCampaignIssue(issue, lang),
  }));
  return fail(400, 'invalid_campaign', list[0]!.message, { path: list[0]!.path, issues: list });
}

const langOf = (req: FastifyRequest) =>
  String(req.headers['accept-language'] ?? '').startsWith('zh') ? 'zh-CN' : 'en';

export async function campaignRoutes(app: FastifyInstance, deps: CampaignRoutesDeps): Promise<void> {
  opsGuard(app, {
    opsToken: deps.opsToken,
    corsOrigins: deps.corsOrigins,
    scope: 'campaigns',
    bodyLimit: 512 * 1024,
  });
  const { rooms, versions, runner, clock } = deps;

  const inRoom = (req: FastifyRequest, reply: FastifyReply, fn: (room: HostedRoom) => Promise<Answer>) =>
    withOpsRoom(rooms, (req.params as { room: string }).room, reply, async (room) => {
      const answer = await fn(room);
      return reply.code(answer.status).send(answer.body);
    });

  /** What is live now: the campaign as ops see it, and what each slot shows. */
  const liveNow = async (room: HostedRoom): Promise<Answer> => {
    const got = await room.query('campaign.get', {});
    const state = room.engine.opsState();
    const record = got.ok ? (got.result as { record: unknown }).record : null;
    return { status: 200, body: { room: room.id, campaign: record, slots: state['slots'] ?? {} } };
  };

  /**
   * What is live now, read from the room as it is after the player ran: a room nothing keeps in
   * memory may have been let go and loaded again meanwhile, so it is looked up again.
   */
  const fresh = (room: HostedRoom) => inRoomById(rooms, room.id, liveNow);

  /** Items of this campaign that already ran in the room (a new version of a running campaign). */
  const firedHere = async (room: HostedRoom, id: string): Promise<string[]> => {
    const got = await room.query('campaign.get', {});
    const record = got.ok ? (got.result as { record: CampaignRecord | null }).record : null;
    return record && record.id === id && record.status !== 'ended' ? Object.keys(record.fired) : [];
  };

  /** Loads a checked campaign into the room as a new stored version and wakes its player. */
  const load = async (
    room: HostedRoom,
    campaign: Campaign,
    rolledBackFrom: number | null,
    extra: object = {},
  ): Promise<Answer> => {
    const version = versions.push(room.id, campaign, clock.now(), rolledBackFrom);
    const loaded = await room.command('campaign.load', { campaign, version });
    if (!loaded.ok) return fail(statusOf(loaded.error.code), loaded.error.code, loaded.error.message);
    await runner.wake(room.id);
    return { status: 201, body: { version, ...extra, ...((await fresh(room)).body as object) } };
  };

  app.options('/v1/rooms/:room/campaign', async (_req, reply) => reply.code(204).send());
  app.options('/v1/rooms/:room/campaign/*', async (_req, reply) => reply.code(204).send());

  app.get('/v1/campaigns/schema', async () => campaignJsonSchema(rooms.features));

  app.get('/v1/rooms/:room/campaign', (req, reply) => inRoom(req, reply, liveNow));

  app.put('/v1/rooms/:room/campaign', (req, reply) =>
    inRoom(req, reply, async (room) => {
      const lang = langOf(req);
      const parsed = validateCampaign(req.body, rooms.features);
      if (!parsed.ok) return invalid(parsed.issues, lang);
      if (parsed.value.room !== room.id) return invalid([{ path: 'room', key: `oneOf|${room.id}` }], lang);
      const checked = preflight(parsed.value, {
        features: rooms.features,
        now: clock.now(),
        state: room.engine.opsState() as RoomState,
        lang,
        fired: await firedHere(room, parsed.value.id),
      });
      const force = (req.query as Record<string, string>)['force'] === 'true';
      if (!checked.ok && !force)
        return fail(400, 'preflight_failed', `${checked.errors[0]!.path}: ${checked.errors[0]!.message}`, {
          path: checked.errors[0]!.path,
          issues: checked.errors,
          warnings: checked.warnings,
        });
      return load(room, parsed.value, null, { warnings: checked.warnings, errors: checked.errors });
    }),
  );

  app.post('/v1/rooms/:room/campaign/preflight', (req, reply) =>
    inRoom(req, reply, async (room) => {
      const id = (req.body as { id?: unknown } | null)?.id;
      const { campaign: _, ...result } = preflight(req.body, {
        features: rooms.features,
        now: clock.now(),
        state: room.engine.opsState() as RoomState,
        lang: langOf(req),
        fired: typeof id === 'string' ? await firedHere(room, id) : [],
      });
      return { status: 200, body: result };
    }),
  );

  app.get('/v1/rooms/:room/campaign/versions', (req, reply) =>
    inRoom(req, reply, async (room) => ({ status: 200, body: { versions: versions.list(room.id) } })),
  );

  const versionOf = (req: FastifyRequest) => Number((req.params as { version: string }).version);
  const noVersion = (req: FastifyRequest) =>
    fail(
      404,
      'unknown_version',
      `this room has no campaign version "${String((req.params as { version: string }).version).slice(0, 20)}"`,
      {
        path: 'version',
      },
    );

  app.get('/v1/rooms/:room/campaign/versions/:version', (req, reply) =>
    inRoom(req, reply, async (room) => {
      const campaign = Number.isSafeInteger(versionOf(req)) ? versions.get(room.id, versionOf(req)) : null;
      return campaign ? { status: 200, body: { version: versionOf(req), campaign } } : noVersion(req);
    }),
  );

  app.post('/v1/rooms/:room/campaign/versions/:version/rollback', (req, reply) =>
    inRoom(req, reply, async (room) => {
      const from = versionOf(req);
      const stored = Number.isSafeInteger(from) ? versions.get(room.id, from) : null;
      if (!stored) return noVersion(req);
      // Checked again: the features may have changed since it was pushed.
      const parsed = validateCampaign(stored, rooms.features);
      if (!parsed.ok) return invalid(parsed.issues, langOf(req));
      return load(room, parsed.value, from);
    }),
  );

  for (const [path, command] of [
    ['live', 'campaign.live'],
    ['pause', 'campaign.pause'],
    ['resume', 'campaign.resume'],
    ['end', 'campaign.end'],
  ] as const)
    app.post(`/v1/rooms/:room/campaign/${path}`, (req, reply) =>
      inRoom(req, reply, async (room) => {
        const ran = await room.command(command, {});
        if (!ran.ok) return fail(statusOf(ran.error.code), ran.error.code, ran.error.message);
        if (command === 'campaign.end') {
          versions.setActive(room.id, false);
          runner.stop(room.id);
        } else await runner.wake(room.id);
        return fresh(room);
      }),
    );

  app.post('/v1/rooms/:room/campaign/items/:item/trigger', (req, reply) =>
    inRoom(req, reply, async (room) => {
      const item = (req.params as { item: string }).item;
      const ran = await room.command('campaign.trigger', { item });
      if (!ran.ok)
        return fail(
          statusOf(ran.error.code),
          ran.error.code,
          ran.error.message,
          ran.error.path ? { path: ran.error.path } : {},
        );
      await runner.wake(room.id);
      return fresh(room);
    }),
  );
}
