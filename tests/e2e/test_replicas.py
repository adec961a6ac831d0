"""Two replicas of every service on one PostgreSQL database and one queue (issue 16).

The four event services run twice, as two sets of processes on the same databases and the same
queues (competing consumers, each applying batches of deliveries), besides one audit writer.
Agencies publish a burst of profiles, supervisor assessments (three kuadran cells, so the
sanctions service opens coaching cases) and citizens' ratings of the same officers. Once it is
all notified, each event has had exactly one effect: one rating per assessment, one
PerformanceRated per rating, one coaching case per rating that needs one, one citizen rating
kept per rating sent, one notice per recipient and channel, and one mail per e-mail notice.
Both replicas of every service did part of the work.
"""

from __future__ import annotations

import asyncio
import os
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from asn_deploy.local.system import LocalSystem
from asn_shared.catalog.agency_events import (
    AssessmentSubmitted,
    CitizenRatingSubmitted,
    EmployeeProfileUpdated,
)
from asn_shared.persistence.engine import create_engine

from .actors import Unit
from .conftest import HTTP_PORTS, Watcher, watching

pytestmark = pytest.mark.e2e

EVENT_SERVICES = ("assessment", "feedback", "sanctions", "notifications")
# A CI-sized burst; set ASN_REPLICAS_EVENTS=2000 for the figure.
N = int(os.environ.get("ASN_REPLICAS_EVENTS", "200"))
UNIT, SUPERVISOR = "dinkes-replika", "197501012000031002"
STAFF = [f"19880101201{i:07d}" for i in range(N)]
ATAS, SESUAI, BAWAH = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
# SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN (coaching): one in three each
CELLS = [(ATAS, ATAS), (SESUAI, SESUAI), (BAWAH, SESUAI)]


def profile(nip: str, supervisor: str | None) -> EmployeeProfileUpdated:
    return EmployeeProfileUpdated(
        nip=nip, name=f"Pegawai {nip[-4:]}", unit_id=UNIT, unit_name="Dinas Kesehatan",
        position="Perawat", position_type="FUNGSIONAL", supervisor_nip=supervisor,
        email=f"p{nip[-6:]}@replika.example.go.id",
    )  # fmt: skip


@pytest.fixture(scope="module")
def replicas(e2e_amqp_url, mail, databases, dev_issuer, tmp_path_factory):
    base: Path = tmp_path_factory.mktemp("e2e-replicas")
    env = {f"{s.upper()}_DATABASE_URL": url for s, url in databases.items()}
    env["ASSESSMENT_RATING_PUBLICATION"] = "SUBMISSION"
    common = {
        "amqp_url": e2e_amqp_url,
        "data_dir": base / "data",  # one contact key for both
        "smtp_port": mail[1],
        "extra_env": env,
        "issuer": dev_issuer.url,
    }
    first = LocalSystem(
        **common, log_dir=base / "log-1", http_ports={s: p + 60 for s, p in HTTP_PORTS.items()}
    )
    second = LocalSystem(
        **common,
        log_dir=base / "log-2",
        http_ports={s: p + 70 for s, p in HTTP_PORTS.items()},
        services=EVENT_SERVICES,
    )
    with first, second:
        first.migrate()
        first.start()
        second.start()
        yield first, second


async def count(url: str, query: str) -> int:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return int((await connection.execute(sa.text(query))).scalar_one())
    finally:
        await engine.dispose()


def applied(system: LocalSystem, service: str) -> int:
    return sum('"event.applied"' in line for line in system.log_lines(service))


async def test_two_replicas_of_every_service_give_one_effect_per_event(
    replicas, e2e_amqp_url, databases, mail
):
    first, second = replicas
    collector, _ = mail
    agencies = Unit(UNIT, None, e2e_amqp_url)  # type: ignore[arg-type]
    async with watching(e2e_amqp_url) as watcher:
        await agencies.publish(
            profile(SUPERVISOR, None), *(profile(nip, SUPERVISOR) for nip in STAFF),
            source="/agencies/bkn-siasn",
        )  # fmt: skip
        await asyncio.sleep(3.0)  # profiles first, as the national HR system sends them
        await agencies.publish(
            *(
                AssessmentSubmitted(
                    nip=nip,
                    period="2026",
                    assessor_nip=SUPERVISOR,
                    assessor_role="SUPERVISOR",
                    rating_hasil_kerja=CELLS[i % 3][0],
                    rating_perilaku_kerja=CELLS[i % 3][1],
                )  # fmt: skip
                for i, nip in enumerate(STAFF)
            ),
            source="/agencies/ekinerja-replika",
        )
        served = datetime(2026, 11, 2, 9, tzinfo=UTC)
        await agencies.publish(
            *(
                CitizenRatingSubmitted(nip=nip, unit_id=UNIT, score=4, served_at=served)
                for nip in STAFF
            ),
            source="/agencies/mpp-replika",
        )
        await everything_notified(watcher)
    await one_effect_each(watcher, databases, collector)
    for service in EVENT_SERVICES:  # competing consumers: both took part
        assert applied(first, service) > 0 and applied(second, service) > 0, service


async def everything_notified(watcher: Watcher) -> None:
    """Each rating's ASN mailed, each coaching case's too, and nothing new for 3 s."""
    coached = len(STAFF[2::3])

    def done(w: Watcher) -> bool:
        mailed = Counter(
            e["data"]["trigger_event_type"]
            for e in w.of_type("NotificationSent", channel="EMAIL", recipient_role="ASN")
        )
        return mailed["PerformanceRated"] >= N and mailed["CoachingStarted"] >= coached

    await watcher.wait_until(done, timeout=60 + N * 0.5)
    seen = -1
    while len(watcher.events) != seen:
        seen = len(watcher.events)
        await asyncio.sleep(3.0)
        await watcher.collect()


async def one_effect_each(watcher: Watcher, databases: dict[str, str], collector) -> None:
    def distinct(event_type: str) -> dict[str, dict]:
        return {e["id"]: e for e in watcher.of_type(event_type)}  # a redelivery keeps its id

    rated = distinct("PerformanceRated")
    assert sorted(e["data"]["nip"] for e in rated.values()) == sorted(STAFF)
    coaching = distinct("CoachingStarted")
    assert sorted(e["data"]["nip"] for e in coaching.values()) == sorted(STAFF[2::3])
    citizens = "SELECT count(*) FROM citizen_ratings"
    assert await count(databases["feedback"], citizens) == N
    ratings = "SELECT count(*) FROM ratings WHERE period = '2026'"
    assert await count(databases["assessment"], ratings) == N
    assert await count(databases["sanctions"], "SELECT count(*) FROM coaching_cases") == len(
        coaching
    )
    sent = distinct("NotificationSent").values()
    keys = Counter(
        (e["data"]["trigger_event_id"], e["data"]["recipient_role"], e["data"]["channel"])
        for e in sent
    )
    assert max(keys.values()) == 1, [k for k, n in keys.items() if n > 1][:3]
    notices = "SELECT count(*) FROM notifications WHERE status = 'SENT'"
    assert await count(databases["notifications"], notices) == len(keys)
    mails = [e for e in sent if e["data"]["channel"] == "EMAIL"]
    assert len(collector.messages) == len(mails)  # one mail per e-mail notice, none twice
