"""The organisation predicate and the close of a unit's period (SE MenPANRB 3/2023 stages 1-3).

Both are officials' acts on the log: OrganizationPerformanceRated (itself the act) and
PerformancePeriodClosed, applied by `apply_*` here, by the command and by their handlers in a
rebuild."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asn_shared.catalog.assessment_acts import PerformancePeriodClosed
from asn_shared.catalog.assessment_events import OrganizationPerformanceRated
from asn_shared.catalog.vocabulary import Predikat, PredikatOrganisasi
from asn_shared.directory import unit_head
from asn_shared.envelope import CloudEvent
from asn_shared.identity.caller import Caller
from asn_shared.logging import get_logger

from ..adapters.records import Rating
from ..adapters.unit_of_work import Cycle
from ..domain.distribution import DistributionReport, check_distribution
from ..domain.periods import EvaluationPeriod, closable
from ..domain.permissions import may_close_period, may_rate_organization
from ..domain.statuses import PENDING
from ..errors import Conflict, Invalid, NotFound
from ..settings import DistributionCheck
from .access import require, unit_officials
from .ratings import publish_rating
from .unit_head import align_head_rating

log = get_logger(__name__)
SE_3_2023 = "SE MenPANRB 3/2023"
# The close publishes the ratings set within the distribution (SE 3/2023 stages 2-3), which
# implement PermenPANRB 6/2022 Pasal 24 and 25 (docs/regulation.md 1.6).
CLOSE = ["PermenPANRB 6/2022 Pasal 24", "PermenPANRB 6/2022 Pasal 25", SE_3_2023]


async def rate_organization(
    cycle: Cycle,
    caller: Caller,
    unit_id: str,
    period: str,
    predikat: PredikatOrganisasi,
) -> None:
    """Stage 1: the leader one level up (the superior of the unit's head) sets the unit's
    predicate, before the period is closed. OrganizationPerformanceRated is itself the act."""
    members = await cycle.evidence.unit_members(unit_id)
    if not members:
        raise NotFound(f"no ASN known in unit {unit_id}")
    require(may_rate_organization(caller, await unit_officials(cycle, unit_id)))
    if await cycle.cycle.period_close(unit_id, period):
        raise Conflict(f"{period} of unit {unit_id} is closed")
    rated = OrganizationPerformanceRated(
        unit_id=unit_id,
        unit_name=members[0].unit_name,
        period=period,
        predikat_organisasi=predikat,
        head_nip=unit_head((m.nip, m.supervisor_nip) for m in members),
        rated_by_nip=caller.nip,
        rated_at=cycle.now(),
        legal_basis=[SE_3_2023],
    )
    acting, act = await cycle.record_act(rated)
    await apply_organization_rated(acting, act, rated)


async def apply_organization_rated(
    cycle: Cycle, act: CloudEvent, data: OrganizationPerformanceRated
) -> None:
    """The predicate as the act sets it (`event_id`: the act's own id); the unit head's pending
    rating follows it."""
    await cycle.cycle.save_organization_rating(
        data.unit_id,
        data.period,
        predikat_organisasi=data.predikat_organisasi.value,
        rated_by_nip=data.rated_by_nip,
        event_id=act.id,
        rated_at=data.rated_at,
    )
    await align_head_rating(cycle, data.unit_id, data.period)


@dataclass(frozen=True)
class UnitStanding:
    """Who in the unit has a rating for the period, who lacks one, and the distribution so far."""

    unit_id: str
    period: str
    members: list[str]
    ratings: dict[str, Rating]  # nip -> the rating in force or pending
    predikat_organisasi: str | None
    report: DistributionReport | None
    closed_at: datetime | None

    @property
    def missing(self) -> list[str]:
        return sorted(nip for nip in self.members if nip not in self.ratings)

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit_id": self.unit_id,
            "period": self.period,
            "members": len(self.members),
            "rated": sorted(self.ratings),
            "missing": self.missing,
            "predikat_organisasi": self.predikat_organisasi,
            "distribution": self.report.as_dict() if self.report else None,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
        }


async def unit_standing(cycle: Cycle, unit_id: str, period: str) -> UnitStanding:
    members = [m.nip for m in await cycle.evidence.unit_members(unit_id)]
    current = await cycle.ratings.current_ratings_for(members, period)
    organisation = await cycle.cycle.organization_rating(unit_id, period)
    report = None
    if organisation is not None:
        report = check_distribution(
            PredikatOrganisasi(organisation.predikat_organisasi),
            [Predikat(r.predikat) for r in current.values()],
            cycle.settings.quotas,
        )
    closed = await cycle.cycle.period_close(unit_id, period)
    return UnitStanding(
        unit_id=unit_id,
        period=period,
        members=members,
        ratings=current,
        predikat_organisasi=organisation.predikat_organisasi if organisation else None,
        report=report,
        closed_at=closed.closed_at if closed else None,
    )


async def close_period(cycle: Cycle, caller: Caller, unit_id: str, period: str) -> dict[str, Any]:
    """Stage 3: publish every pending rating of the unit's period, after the checks pass; by the
    unit's head or the leader one level up. Recorded as PerformancePeriodClosed, then applied."""
    if not closable(period, cycle.settings.periodic_frequency):
        raise Invalid(
            f"this instance evaluates {cycle.settings.periodic_frequency.value} and annually: "
            "a period of another length is not closed",
            field="period",
        )
    officials = await unit_officials(cycle, unit_id)
    if officials.head is None and not await cycle.evidence.unit_members(unit_id):
        raise NotFound(f"no ASN known in unit {unit_id}")
    require(may_close_period(caller, officials))
    if await cycle.cycle.period_close(unit_id, period):
        raise Conflict(f"{period} of unit {unit_id} is already closed")
    standing = await unit_standing(cycle, unit_id, period)
    if standing.missing:
        raise Conflict(
            "some ASN have no supervisor rating for the period",
            missing=standing.missing,
        )
    if EvaluationPeriod.parse(period).is_annual:
        _check_distribution(cycle, period, standing.report)
    closed = PerformancePeriodClosed(
        unit_id=unit_id, period=period, actor_nip=caller.nip, legal_basis=CLOSE
    )
    acting, _ = await cycle.record_act(closed)
    return await apply_period_closed(acting, closed)


async def apply_period_closed(cycle: Cycle, act: PerformancePeriodClosed) -> dict[str, Any]:
    """Every pending rating of the unit's period published (one PerformanceRated each, in NIP
    order, so their ids are the same in a rebuild), and the close recorded with the
    distribution report. The checks were the command's: the log holds what was allowed."""
    standing = await unit_standing(cycle, act.unit_id, act.period)
    report = standing.report
    published = 0
    for nip in sorted(standing.ratings):
        rating = standing.ratings[nip]
        if rating.status == PENDING:
            await publish_rating(cycle, rating)
            published += 1
    await cycle.cycle.add_period_close(
        unit_id=act.unit_id,
        period=act.period,
        closed_by_nip=act.actor_nip,
        distribution=report.as_dict() if report else None,
        closed_at=cycle.now(),
    )
    log.info("period.closed", unit_id=act.unit_id, period=act.period, published=published)
    return {
        "unit_id": act.unit_id,
        "period": act.period,
        "published": published,
        "distribution": report.as_dict() if report else None,
    }


def _check_distribution(cycle: Cycle, period: str, report: DistributionReport | None) -> None:
    """An annual close needs the organisation predicate; broken quotas refuse it or warn."""
    if report is None:
        raise Conflict(f"set the unit's organisation predicate for {period} first ({SE_3_2023})")
    if not report.ok:
        if cycle.settings.distribution_check is DistributionCheck.REFUSE:
            raise Conflict(
                "the predikat distribution breaks the quotas",
                distribution=report.as_dict(),
            )
        log.warning("period.distribution_warning", violations=list(report.violations))
