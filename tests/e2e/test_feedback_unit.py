"""End to end: one unit's citizens' voices through the feedback service (issue 4).

The four services run as processes on PostgreSQL and a fresh RabbitMQ vhost. Complaints come
through three doors (the service's JSON API, Open311, an SP4N-LAPOR! event), one misses its
verification deadline, citizens rate the officer and answer SKM questionnaires, and the results
reach the exchange, the public statistics and the assessment service's evidence. A RAHASIA
complainant's identity appears nowhere but in the receipt mailed to them.

The citizens' doors (the intake, Open311, the public statistics) take no token; the officials act
with bearer tokens of the session's development issuer: the agency's complaint administrator
(role `unit-admin`) names the desk and the head, the desk verifies, the head decides and measures
the SKM, and the officer reads their own evidence in the assessment service.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import aio_pika
import httpx
import pytest

from asn_deploy.local.system import LocalSystem
from asn_deploy.rabbitmq.rabbitmqctl import list_queues, vhost_of
from asn_feedback.domain.complaints import JAKARTA
from asn_shared.catalog.agency_events import (
    CitizenRatingSubmitted,
    ComplaintReceived,
    SurveyResponseSubmitted,
)
from asn_shared.catalog.vocabulary import SkmUnsur
from asn_shared.messaging.topology import EVENTS_EXCHANGE

from .actors import Tokens, Unit, eventually
from .conftest import Watcher

pytestmark = pytest.mark.e2e

UNIT = "dukcapil-kotabumi"
OFFICER = "199001012015011001"
DESK, HEAD = "198001012005011001", "197501012000031002"
ADMIN = "198502022010012003"  # the agency's complaint-handling administrator: role unit-admin
OFFICIALS = {
    "desk_nip": DESK,
    "desk_position": "Pengelola Pengaduan",
    "head_nip": HEAD,
    "head_position": "Kepala Dinas",
}
SECRET_NAME, SECRET_EMAIL = "Theresia Manek", "theresia.manek@contoh.id"
TODAY = datetime.now(JAKARTA).date()
QUARTER = f"{TODAY.year}-Q{(TODAY.month - 1) // 3 + 1}"


@pytest.fixture(scope="module")
def service_env(tmp_path_factory) -> dict[str, str]:
    services = tmp_path_factory.mktemp("open311") / "services.json"
    services.write_text(
        json.dumps(
            [
                {
                    "service_code": "KTP-EL",
                    "service_name": "Pelayanan KTP-el",
                    "unit_id": UNIT,
                    "category": "pelayanan-ktp",
                }
            ]
        )
    )
    return {"FEEDBACK_OPEN311_SERVICES_FILE": str(services), "FEEDBACK_DEADLINE_WATCH_SECONDS": "1"}


async def test_three_doors_a_missed_deadline_ratings_and_skm(
    postgres_system, e2e_amqp_url, mail, tokens: Tokens
):
    connection = await aio_pika.connect(e2e_amqp_url)
    queue = await (await connection.channel()).declare_queue(exclusive=True)
    await queue.bind(EVENTS_EXCHANGE, "#")
    watcher = Watcher(queue)
    async with (
        connection,
        httpx.AsyncClient(
            base_url=postgres_system.url("feedback"), timeout=30, auth=tokens.acting(HEAD)
        ) as http,
    ):
        unit = Unit(UNIT, http, e2e_amqp_url)
        await unit.call(
            "PUT",
            f"/units/{UNIT}/complaint-officials",
            json=OFFICIALS,
            headers=tokens.bearer(ADMIN, "unit-admin"),
        )
        late = await a_complaint_from_lapor_misses_its_deadline(unit, watcher)
        secret = await a_secret_complaint_through_the_api_is_decided(unit, watcher)
        request_id = await a_city_app_files_through_open311(http)
        await citizens_rate_and_answer_the_survey(unit)
        stats = await the_public_statistics(unit, watcher)
        assert stats["complaints"]["by_status"]["RECEIVED"] == 2  # LAPOR and Open311
        assert {late, secret, request_id} <= {
            e["data"]["complaint_id"] for e in watcher.of_type("ComplaintReceived")
        }
        await the_officer_evidence_reaches_assessment(postgres_system, tokens)
        await nobody_but_the_complainant_sees_the_secret(postgres_system, watcher, mail[0])
    assert postgres_system.exited() == {}
    queues = list_queues(vhost_of(e2e_amqp_url))
    assert {q: n for q, n in queues.items() if q.endswith(".dlq") and n} == {}


async def a_complaint_from_lapor_misses_its_deadline(unit: Unit, watcher: Watcher) -> str:
    received = datetime.now(UTC) - timedelta(days=10)  # 3 working days are long gone
    complaint = ComplaintReceived.model_validate(
        {
            "complaint_id": "LAP-2026-0001",
            "channel": "SP4N-LAPOR!",
            "received_at": received,
            "service_date": (received - timedelta(days=1)).date(),
            "unit_id": UNIT,
            "category": "pelayanan-ktp",
            "description": "KTP-el belum jadi setelah tiga bulan",
            "complainant": {"name": "Yosef Lado", "privacy": "PUBLIK"},
        }
    )
    await unit.publish(complaint, source="/agencies/lapor")
    await watcher.wait_until(
        lambda w: w.of_type("ComplaintDeadlineMissed", complaint_id="LAP-2026-0001"), timeout=60
    )
    [missed] = watcher.of_type("ComplaintDeadlineMissed", complaint_id="LAP-2026-0001")
    assert missed["data"]["deadline"] == "VERIFIKASI_LAPOR"
    assert (missed["data"]["responsible_nip"], missed["subject"]) == (DESK, DESK)
    assert missed["data"]["article_breached"].startswith("SP4N-LAPOR!")
    return "LAP-2026-0001"


async def a_secret_complaint_through_the_api_is_decided(unit: Unit, watcher: Watcher) -> str:
    filed = await unit.call(
        "POST",
        "/complaints",
        202,
        json={
            "unit_id": UNIT,
            "service_date": TODAY.isoformat(),
            "subject_nip": OFFICER,
            "category": "pungli",
            "description": "Diminta uang pelicin untuk percepatan",
            "complainant": {"name": SECRET_NAME, "email": SECRET_EMAIL, "privacy": "RAHASIA"},
        },
        auth=None,  # a citizen: the intake is public
    )
    steps = f"/complaints/ASN-KINERJA/{filed['complaint_id']}/steps"

    async def verified() -> bool:  # 404 until the consumer has applied the complaint
        response = await unit.http.post(
            f"/api/v1{steps}", json={"action": "VERIFY_COMPLETE", "actor_nip": DESK}
        )
        return response.status_code == 200

    await eventually(verified, "the API's complaint applied and verified")
    await unit.call(
        "POST", steps, json={"action": "DECIDE", "actor_nip": HEAD, "decision": "TERBUKTI"}
    )
    await watcher.wait_until(lambda w: w.of_type("ComplaintResolved", outcome="TERBUKTI"))
    [resolved] = watcher.of_type("ComplaintResolved", outcome="TERBUKTI")
    assert resolved["data"]["subject_nip"] == OFFICER
    return filed["complaint_id"]


async def a_city_app_files_through_open311(http: httpx.AsyncClient) -> str:
    created = await http.post(
        "/open311/v2/requests.json",
        data={
            "service_code": "KTP-EL",
            "address_string": "Jl. Jend. Sudirman 12, Kotabumi",
            "description": "Loket KTP-el tutup pada jam layanan",
            "email": "warga@contoh.id",
        },
        auth=None,  # a city's app: Open311 is public
    )
    assert created.status_code == 200, created.text
    [receipt] = created.json()
    return receipt["service_request_id"]


async def citizens_rate_and_answer_the_survey(unit: Unit) -> None:
    served = datetime.now(UTC)
    await unit.publish(
        *(
            CitizenRatingSubmitted(nip=OFFICER, unit_id=UNIT, score=s, served_at=served)
            for s in (5, 4, 3)
        ),
        source="/agencies/kotabumi-layanan",
    )
    answers = [{u: 4 for u in SkmUnsur}] * 15 + [{u: 3 for u in SkmUnsur}] * 5
    await unit.publish(
        *(
            SurveyResponseSubmitted(unit_id=UNIT, service_name="KTP-el", period=QUARTER, answers=a)
            for a in answers
        ),
        SurveyResponseSubmitted(
            unit_id=UNIT, service_name="KTP-el", period=QUARTER, answers={SkmUnsur.PERSYARATAN: 1}
        ),
        source="/agencies/kotabumi-skm",
    )


async def the_public_statistics(unit: Unit, watcher: Watcher) -> dict:
    async def everything_in() -> dict | None:
        stats = await unit.call(
            "GET", f"/units/{UNIT}/statistics", params={"period": QUARTER}, auth=None
        )  # public statistics: no token
        done = stats["complaints"]["received"] == 3 and stats["questionnaires"] == {
            "complete": 20,
            "incomplete": 1,
        }
        return stats if done else None

    await eventually(everything_in, "three complaints and 21 questionnaires applied")
    measured = await unit.call(
        "POST",
        f"/units/{UNIT}/skm/{QUARTER}",
        201,
        json={"population": 100, "unit_name": "Dukcapil Kotabumi"},
    )
    # 15 x 4 and 5 x 3 on every element: IKM 3.75, NIK 93.75, A; 20 of the 80 needed
    assert (measured["ikm"], measured["nik"], measured["mutu"]) == (3.75, 93.75, "A")
    assert (measured["required_sample"], measured["sample_sufficient"]) == (80, False)
    await watcher.wait_until(lambda w: w.of_type("ServiceSatisfactionMeasured", unit_id=UNIT))
    stats = await unit.call(
        "GET", f"/units/{UNIT}/statistics", params={"period": QUARTER}, auth=None
    )
    assert stats["skm"]["mutu"] == "A" and stats["complaints"]["received"] == 3
    return stats


async def the_officer_evidence_reaches_assessment(system: LocalSystem, tokens: Tokens) -> None:
    async with httpx.AsyncClient(
        base_url=system.url("assessment"), timeout=30, auth=tokens.acting(OFFICER)
    ) as assessment:  # the officer reads their own evidence

        async def evidence() -> dict | None:
            view = (
                await assessment.get(f"/api/v1/employees/{OFFICER}/periods/{TODAY.year}")
            ).json()
            summary = view.get("citizen_feedback")
            return summary if summary and summary["ratings_count"] == 3 else None

        summary = await eventually(evidence, "the officer's citizen feedback in assessment")
    assert summary == {
        "ratings_count": 3,
        "average_score": 4.0,
        "complaints_received": 1,
        "complaints_substantiated": 1,
    }


async def nobody_but_the_complainant_sees_the_secret(
    system: LocalSystem, watcher: Watcher, collector
) -> None:
    async def receipt_and_progress() -> list | None:
        mine = [m["content"] for m in collector.messages if SECRET_EMAIL in m["to"]]
        return mine if len(mine) == 3 else None  # received, verified, decided

    mails = await eventually(receipt_and_progress, "the secret complainant's three notices")
    assert sum("Tanda Terima Pengaduan" in m for m in mails) == 1
    assert sum("Perkembangan Pengaduan" in m for m in mails) == 2
    assert any("pengaduan Anda terbukti" in m for m in mails)
    await watcher.collect()
    for event in watcher.events:
        text = json.dumps(event)
        assert SECRET_NAME not in text and SECRET_EMAIL not in text, event["type"]
    for service in ("assessment", "feedback", "sanctions", "notifications"):
        for line in system.log_lines(service):
            assert SECRET_NAME not in line and SECRET_EMAIL not in line, service
