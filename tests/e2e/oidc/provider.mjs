// A real OpenID Connect provider for the end-to-end test of the services' token checks
// (tests/e2e/test_real_identity_provider.py): oidc-provider 8 (panva, OpenID Certified), the last
// major that supports Node.js 18 and 20 LTS; 9 wants Node.js 22.
//
//   node provider.mjs --issuer https://127.0.0.1:PORT --port PORT --jwks keys.json \
//        --config config.json [--tls-cert cert.pem --tls-key key.pem] [--host 127.0.0.1]
//
// --jwks      a JWK Set of PRIVATE keys; the first one signs, all are published at jwks_uri (so a
//             test rotates keys by restarting the provider with a new key first and the old one
//             after it, then without the old one).
// --config    JSON: {"clients": [{"client_id", "client_secret", "nip", "roles"}, ...],
//                    "resources": {"<absolute URI>": {"audience": "...", "ttl": seconds}, ...}}
//             One confidential client per actor: its metadata holds the person's NIP and roles,
//             which go into the access tokens it gets as the claims `nip` and `roles`.
//             A resource indicator names the API a token is for: its audience and lifetime.
// --tls-*     serve https with this certificate (PEM); without them, plain http.
//
// Tokens: the client credentials grant with a resource indicator (RFC 8707), no browser:
//   POST <token_endpoint>  grant_type=client_credentials&resource=<URI>  (client_secret_basic)
// answers a JWT access token (RFC 9068 format) signed with the first key, with `kid` in its header.
// It prints one line `listening <issuer>` when it accepts connections; SIGTERM stops it.

import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

import Provider, { errors } from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    issuer: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    jwks: { type: 'string' },
    config: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
  },
});

for (const required of ['issuer', 'port', 'jwks', 'config']) {
  if (!args[required]) {
    console.error(`provider.mjs: --${required} is required`);
    process.exit(2);
  }
}

const jwks = JSON.parse(readFileSync(args.jwks, 'utf8'));
const { clients = [], resources = {} } = JSON.parse(readFileSync(args.config, 'utf8'));

const provider = new Provider(args.issuer, {
  jwks,
  clients: clients.map(({ client_id, client_secret, nip, roles = [] }) => ({
    client_id,
    client_secret,
    nip,
    roles,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
  })),
  extraClientMetadata: {
    properties: ['nip', 'roles'],
    validator(ctx, key, value) {
      if (key === 'nip' && value !== undefined && typeof value !== 'string') {
        throw new errors.InvalidClientMetadata('nip must be a string');
      }
      if (key === 'roles' && !(Array.isArray(value) && value.every((r) => typeof r === 'string'))) {
        throw new errors.InvalidClientMetadata('roles must be a list of strings');
      }
    },
  },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: false },
    revocation: { enabled: false },
    resourceIndicators: {
      enabled: true,
      // No resource named: refused, rather than an opaque token no API could verify.
      defaultResource() {
        throw new errors.InvalidTarget('name the API the token is for (resource parameter)');
      },
      useGrantedResource: () => false,
      getResourceServerInfo(ctx, resourceIndicator) {
        const resource = resources[resourceIndicator];
        if (!resource) {
          throw new errors.InvalidTarget(`unknown resource ${resourceIndicator}`);
        }
        return {
          scope: '',
          audience: resource.audience,
          accessTokenTTL: resource.ttl ?? 300,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
  // The person the client acts for: their NIP and roles, as the agency's SSO would map them.
  async extraTokenClaims(ctx, token) {
    if (token.kind !== 'ClientCredentials') return undefined;
    const client = ctx.oidc.client ?? (await ctx.oidc.provider.Client.find(token.clientId));
    return { nip: client.nip, roles: client.roles };
  },
  // The resource's lifetime (`ttl` in --config), 5 minutes when it names none.
  ttl: { ClientCredentials: (ctx, token) => token.resourceServer?.accessTokenTTL || 300 },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  // Client credentials tokens need no store; what little is kept stays in memory (this process).
});

// Errors go to stderr (the test's log of this process), never to the client.
provider.on('server_error', (ctx, error) => console.error('server_error', error));
provider.on('grant.error', (ctx, error) => console.error('grant.error', error.message));

const tls = args['tls-cert'] && args['tls-key']
  ? { cert: readFileSync(args['tls-cert']), key: readFileSync(args['tls-key']) }
  : null;
const server = tls
  ? createHttpsServer(tls, provider.callback())
  : createHttpServer(provider.callback());

server.listen(Number(args.port), args.host, () => {
  console.log(`listening ${args.issuer}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections(); // keep-alive connections would hold close() open
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
