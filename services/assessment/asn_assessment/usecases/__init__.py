"""Use cases of the assessment service: load through repositories, apply the domain, emit events.

Each takes a Cycle (the open transaction, the emit function and the settings) so that the
message handlers and the HTTP API run exactly the same code.
"""

from .context import Cycle

__all__ = ["Cycle"]
