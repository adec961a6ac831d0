"""AsyncAPI 2.6 documents of the event catalog, for agencies and for our own contract tests.

Kept apart from `asn_shared.catalog` (the contract itself: models, JSON Schemas, golden examples)
because describing where events travel needs the broker topology (exchange, queues), which the
contract must not import.

- `catalog_view`: the catalog's own document (`catalog/asyncapi.json`), whose messages `$ref` the
  schema files beside it.
- `documents`: self-contained documents, one per service and one for the system (`docs/asyncapi/`),
  built from `channels` and `schemas`.

`docs/generate_asyncapi.py` (`make catalog`) writes every generated file.
"""
