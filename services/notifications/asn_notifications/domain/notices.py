"""Which events concern whom: per event kind, its template, its audiences and its priority.

Pure data about the regulation's actors. `about` is the ASN the event concerns; `officials` are
the other officials it names (the examiner summoning, the official punishing, the one deciding
an objection). Priority decides what a preference may switch off (CRITICAL: nothing, since these
notices start or end a period that runs against the recipient: a summons, a punishment, a missed
statutory deadline) and what waits for the daily digest (LOW).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from asn_shared.catalog import EventData
from asn_shared.catalog.assessment_events import (
    PerformancePlanApproved,
    PerformanceRated,
    RatingObjectionDecided,
)
from asn_shared.catalog.feedback_events import ComplaintDeadlineMissed
from asn_shared.catalog.sanctions_events import (
    CoachingCompleted,
    CoachingStarted,
    DisciplinaryCaseOpened,
    HearingScheduled,
    ObjectionDecided,
    RewardGranted,
    RotationRecommended,
    SanctionImposed,
    TrainingRecommended,
)

from .outbox import CRITICAL, LOW, NORMAL

E = TypeVar("E", bound=EventData)
R = TypeVar("R")


class Audience(StrEnum):
    ASN = "ASN"
    SUPERVISOR = "SUPERVISOR"
    HR_OFFICER = "HR_OFFICER"
    OFFICIAL = "OFFICIAL"


ASN_SUPERVISOR = (Audience.ASN, Audience.SUPERVISOR)
FOLLOW_UP = (Audience.ASN, Audience.SUPERVISOR, Audience.HR_OFFICER)
DISCIPLINE = (Audience.ASN, Audience.OFFICIAL, Audience.HR_OFFICER)


@dataclass(frozen=True)
class NoticeKind:
    """What one event kind calls for. Made by `notice`, which checks each rule against the
    event's own model; the kind then applies them to that model's data only."""

    model: type[EventData]
    template: str
    audiences: tuple[Audience, ...]
    priority: str
    about: Callable[[EventData], str]
    officials: Callable[[EventData], list[str]]
    # When this particular event runs against the recipient although the kind usually does not.
    critical_when: Callable[[EventData], bool]

    def priority_of(self, data: EventData) -> str:
        return CRITICAL if self.critical_when(data) else self.priority


def notice(
    model: type[E],
    template: str,
    audiences: tuple[Audience, ...],
    priority: str,
    *,
    about: Callable[[E], str],
    officials: Callable[[E], list[str]] | None = None,
    critical_when: Callable[[E], bool] | None = None,
) -> NoticeKind:
    return NoticeKind(
        model,
        template,
        audiences,
        priority,
        about=_of(model, about),
        officials=_of(model, officials or _no_officials),
        critical_when=_of(model, critical_when or _never),
    )


def _of(model: type[E], rule: Callable[[E], R]) -> Callable[[EventData], R]:
    """`rule`, refusing the data of any other event than `model`'s."""

    def apply(data: EventData) -> R:
        if not isinstance(data, model):
            raise TypeError(f"a {model.event_type} rule got a {type(data).__name__}")
        return rule(data)

    return apply


def _no_officials(_data: EventData) -> list[str]:
    return []


def _never(_data: EventData) -> bool:
    return False


_KINDS = (
    notice(PerformanceRated, "penilaian_kinerja", ASN_SUPERVISOR, NORMAL, about=lambda d: d.nip),
    notice(PerformancePlanApproved, "skp_disetujui", (Audience.ASN,), LOW, about=lambda d: d.nip),
    # Final (Pasal 59): nothing more runs against the ASN, but they must know the outcome.
    notice(
        RatingObjectionDecided,
        "keputusan_keberatan_penilaian",
        ASN_SUPERVISOR,
        NORMAL,
        about=lambda d: d.nip,
    ),
    notice(CoachingStarted, "pembinaan_kinerja", FOLLOW_UP, NORMAL, about=lambda d: d.nip),
    # Not improved: the uji kompetensi kembali follows (PP 30/2019 Pasal 57-58).
    notice(
        CoachingCompleted,
        "pembinaan_selesai",
        FOLLOW_UP,
        NORMAL,
        about=lambda d: d.nip,
        critical_when=lambda d: not d.improved,
    ),
    notice(RewardGranted, "penghargaan", ASN_SUPERVISOR, NORMAL, about=lambda d: d.nip),
    notice(TrainingRecommended, "rekomendasi_pelatihan", FOLLOW_UP, LOW, about=lambda d: d.nip),
    notice(RotationRecommended, "rekomendasi_mutasi", FOLLOW_UP, CRITICAL, about=lambda d: d.nip),
    notice(
        DisciplinaryCaseOpened,
        "kasus_disiplin",
        DISCIPLINE,
        CRITICAL,
        about=lambda d: d.nip,
        officials=lambda d: [d.examiner_nip],
    ),
    notice(
        HearingScheduled,
        "panggilan_pemeriksaan",
        DISCIPLINE,
        CRITICAL,
        about=lambda d: d.nip,
        officials=lambda d: list(d.examiner_nips),
    ),
    notice(
        SanctionImposed,
        "hukuman_disiplin",
        DISCIPLINE,
        CRITICAL,
        about=lambda d: d.nip,
        officials=lambda d: [d.imposed_by_nip],
    ),
    notice(
        ObjectionDecided,
        "keputusan_upaya_administratif",
        DISCIPLINE,
        CRITICAL,
        about=lambda d: d.nip,
        officials=lambda d: [d.decided_by_nip] if d.decided_by_nip else [],
    ),
    # UU 25/2009 Pasal 54: the missed deadline is sanctioned against the responsible official.
    notice(
        ComplaintDeadlineMissed,
        "tenggat_pengaduan_terlewat",
        ASN_SUPERVISOR,
        CRITICAL,
        about=lambda d: d.responsible_nip,
    ),
)

NOTICES: Mapping[type[EventData], NoticeKind] = {kind.model: kind for kind in _KINDS}

# Templates always critical: a preference for one of these alone is refused by the API.
CRITICAL_TEMPLATES = frozenset(k.template for k in NOTICES.values() if k.priority == CRITICAL)
