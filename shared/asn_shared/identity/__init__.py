"""Who is calling an HTTP route: OpenID Connect bearer tokens, verified against the issuer's keys.

- `caller`: the `Caller` (the NIP and the roles a token vouches for) and the roles we know.
- `tokens`: `TokenVerifier` (signature, `iss`, `aud`, `exp`/`nbf` with a leeway, the NIP claim)
  over a `KeySource`: `DiscoveredKeys` (the issuer's discovery document and JWKS, fetched again
  for a key id it does not know yet: key rotation) or `StaticKeys` (a fixed JWKS).
- `http`: the FastAPI side: the bearer security scheme, `Authenticated` for a route's caller,
  401/403/503 with a reason, and `acting_nip` (the actor is the token, never the body).

Which routes are public and who may do what is each service's decision (its `api/` and a pure
rules module in its `domain/`). docs/architecture.md section 4b.
"""
