"""The broker as ops set it up: definitions.json, agency users, vhosts
(deploy/rabbitmq/README.md)."""
