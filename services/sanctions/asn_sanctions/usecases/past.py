"""What an official records as done has happened: its date is not after today.

Today is the command's clock (the unit of work's `now`, the runtime's clock over HTTP) read as an
Asia/Jakarta calendar day, the day the agencies live in. A date after it is refused with 422
naming the field (api/common.py), before anything is written.
"""

from __future__ import annotations

from datetime import date

from ..adapters.unit_of_work import SanctionsUnitOfWork
from ..errors import DatedInFuture


def happened(uow: SanctionsUnitOfWork, field: str, day: date, what: str) -> None:
    """Refuse `day` (the body's `field`) when it is after today: `what` cannot have happened yet."""
    today = uow.today
    if day > today:
        raise DatedInFuture(
            field,
            f"{field} is after today ({today.isoformat()}, Asia/Jakarta): {what} cannot be "
            "dated in the future",
        )
