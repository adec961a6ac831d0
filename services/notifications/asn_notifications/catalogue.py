"""Which events concern whom: per event kind, its template, its audiences and its priority.

Pure data about the regulation's actors. `about` is the ASN the event concerns; `officials` are
the other officials it names (the examiner summoning, the official punishing, the one deciding
an objection). Priority decides what a preference may switch off (CRITICAL: nothing, since these
notices start or end a period that runs against the recipient: a summons, a punishment, a missed
statutory deadline) and what waits for the daily digest (LOW).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

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

from .models import CRITICAL, LOW, NORMAL


class Audience(StrEnum):
    ASN = "ASN"
    SUPERVISOR = "SUPERVISOR"
    HR_OFFICER = "HR_OFFICER"
    OFFICIAL = "OFFICIAL"


ASN_SUPERVISOR = (Audience.ASN, Audience.SUPERVISOR)
FOLLOW_UP = (Audience.ASN, Audience.SUPERVISOR, Audience.HR_OFFICER)
DISCIPLINE = (Audience.ASN, Audience.OFFICIAL, Audience.HR_OFFICER)


def _no_officials(_data: Any) -> list[str]:
    return []


def _never(_data: Any) -> bool:
    return False


@dataclass(frozen=True)
class NoticeKind:
    template: str
    audiences: tuple[Audience, ...]
    priority: str
    about: Callable[[Any], str] = field(default=lambda data: data.nip)
    officials: Callable[[Any], list[str]] = field(default=_no_officials)
    # When this particular event runs against the recipient although the kind usually does not.
    critical_when: Callable[[Any], bool] = field(default=_never)

    def priority_of(self, data: Any) -> str:
        return CRITICAL if self.critical_when(data) else self.priority


NOTICES: dict[type[EventData], NoticeKind] = {
    PerformanceRated: NoticeKind("penilaian_kinerja", ASN_SUPERVISOR, NORMAL),
    PerformancePlanApproved: NoticeKind("skp_disetujui", (Audience.ASN,), LOW),
    # Final (Pasal 59): nothing more runs against the ASN, but they must know the outcome.
    RatingObjectionDecided: NoticeKind("keputusan_keberatan_penilaian", ASN_SUPERVISOR, NORMAL),
    CoachingStarted: NoticeKind("pembinaan_kinerja", FOLLOW_UP, NORMAL),
    # Not improved: the uji kompetensi kembali follows (PP 30/2019 Pasal 57-58).
    CoachingCompleted: NoticeKind(
        "pembinaan_selesai", FOLLOW_UP, NORMAL, critical_when=lambda d: not d.improved
    ),
    RewardGranted: NoticeKind("penghargaan", ASN_SUPERVISOR, NORMAL),
    TrainingRecommended: NoticeKind("rekomendasi_pelatihan", FOLLOW_UP, LOW),
    RotationRecommended: NoticeKind("rekomendasi_mutasi", FOLLOW_UP, CRITICAL),
    DisciplinaryCaseOpened: NoticeKind(
        "kasus_disiplin", DISCIPLINE, CRITICAL, officials=lambda d: [d.examiner_nip]
    ),
    HearingScheduled: NoticeKind(
        "panggilan_pemeriksaan", DISCIPLINE, CRITICAL, officials=lambda d: list(d.examiner_nips)
    ),
    SanctionImposed: NoticeKind(
        "hukuman_disiplin", DISCIPLINE, CRITICAL, officials=lambda d: [d.imposed_by_nip]
    ),
    ObjectionDecided: NoticeKind(
        "keputusan_upaya_administratif",
        DISCIPLINE,
        CRITICAL,
        officials=lambda d: [d.decided_by_nip] if d.decided_by_nip else [],
    ),
    # UU 25/2009 Pasal 54: the missed deadline is sanctioned against the responsible official.
    ComplaintDeadlineMissed: NoticeKind(
        "tenggat_pengaduan_terlewat", ASN_SUPERVISOR, CRITICAL, about=lambda d: d.responsible_nip
    ),
}

# Templates always critical: a preference for one of these alone is refused by the API.
CRITICAL_TEMPLATES = frozenset(k.template for k in NOTICES.values() if k.priority == CRITICAL)
