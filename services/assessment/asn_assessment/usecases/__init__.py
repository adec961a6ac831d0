"""Use cases of the assessment service: load through repositories, apply the domain, emit events.

Each takes a Cycle (adapters/unit_of_work.py: the open transaction, the emit function, the
settings and the clock) so that the message handlers and the HTTP API run exactly the same code.
"""
