"""A development identity provider for a checkout: what `make run` and the tests sign tokens with.

- `keys`: an RSA signing key with its key id (RFC 7638 thumbprint) and public JWK, kept as PEM.
- `issuer`: the provider's two documents (discovery and JWKS) served over HTTP, `asn-dev-issuer`;
  `make run` starts it and points the services at it (ASN_AUTH_ISSUER).
- `token`: `asn-dev-token --nip NIP [--role ROLE ...]` prints a bearer token those services accept.

Never for production: an agency connects its own single sign-on (services' READMEs).
"""
