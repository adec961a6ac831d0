"""Contracts and plumbing shared by the ASN performance services.

Holds no service's rules or tables: only the public event catalog, the CloudEvents envelope,
broker topology, the inbox/outbox machinery, settings and logging.
"""
