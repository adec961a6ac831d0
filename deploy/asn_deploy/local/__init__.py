"""The system on this machine, without Docker: `make run`, the end-to-end tests, `make bench`
(deploy/local/README.md)."""
