"""The audit service's flows: `replay` and `verify` (what `asn-audit` runs) with `selection` (the
replay's filter from the command line), and `stream_copy` (what the writer does to each message
before it goes into the stream)."""
