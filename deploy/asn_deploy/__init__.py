"""Deploy tooling of the ASN performance system (deploy/README.md).

- `asn_deploy.local`: the whole system as processes on this machine (`make run`, the end-to-end
  tests, the benchmark): `system.LocalSystem`, the demo, the mail sink, the runner;
- `asn_deploy.rabbitmq`: the broker side ops run: `definitions` (definitions.json),
  `onboard` (an agency's broker user), `rabbitmqctl` (vhosts and the admin command).
"""
