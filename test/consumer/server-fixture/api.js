// The README's library use: `import '@onair/server'` gives createServer and signViewerToken.
import { createServer, signViewerToken, verifyViewerToken } from '@onair/server';

const secret = 'consumer-viewer-secret-0123';
const server = createServer({ opsToken: 'consumer-ops-token-0123456789', viewerSecret: secret, port: 0 });
const { url } = await server.listen();
const health = await fetch(`${url}/healthz`);
const token = signViewerToken(secret, 'user-42', Date.now() + 60_000);
const verified = verifyViewerToken(secret, token, Date.now()).ok;
await server.close();
console.log(JSON.stringify({ health: health.status, verified }));
