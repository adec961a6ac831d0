"""The audit service: the writer that fills the audit stream, and `asn-audit` for auditors.

See services/audit/README.md for the folder map and docs/audit.md for the how-to.
"""
