"""End to end: an agency using nothing but pika drives all four services.

Every hop goes through RabbitMQ and each service's own database; mails reach a real SMTP server.
"""

from __future__ import annotations

import asyncio
import json
import uuid

import pika
import pytest

from ..support import contract_example

pytestmark = pytest.mark.e2e

ASN = "198703122010011004"  # the ASN of the contract's example
SUPERVISOR = "197501012000031002"


def publish(amqp_url: str, *events: dict) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        for event in events:
            key = {
                "EmployeeProfileUpdated": "employee.profile.updated.v1",
                "AssessmentSubmitted": "assessment.submitted.v1",
                "ComplaintReceived": "complaint.received.v1",
            }[event["type"]]
            channel.basic_publish(
                "asn.events",
                key,
                json.dumps(event).encode(),
                pika.BasicProperties(content_type="application/cloudevents+json", delivery_mode=2),
                mandatory=True,
            )
    finally:
        connection.close()


def envelope(event_type: str, data: dict, source: str = "/agencies/test") -> dict:
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": source,
        "type": event_type,
        "time": "2026-10-05T09:30:00+07:00",
        "datacontenttype": "application/json",
        "data": data,
    }


def profile(nip: str, name: str, email: str, supervisor: str | None) -> dict:
    return envelope(
        "EmployeeProfileUpdated",
        {
            "nip": nip,
            "name": name,
            "unit_id": "dinkes-kepahiang",
            "unit_name": "Dinas Kesehatan Kabupaten Kepahiang",
            "position": "Pranata Kesehatan",
            "position_type": "FUNGSIONAL",
            "supervisor_nip": supervisor,
            "email": email,
            "phone": None,
        },
        source="/agencies/bkn-siasn",
    )


def supervisor_rating(nip: str, hasil: str, perilaku: str) -> dict:
    return envelope(
        "AssessmentSubmitted",
        {
            "nip": nip,
            "period": "2026-Q3",
            "assessor_nip": SUPERVISOR,
            "assessor_role": "SUPERVISOR",
            "rating_hasil_kerja": hasil,
            "rating_perilaku_kerja": perilaku,
        },
        source="/agencies/ekinerja-kotabumi",
    )


async def test_agency_contract_example_flows_to_coaching_and_mails(
    system, watcher, mail, e2e_amqp_url
):
    collector, _ = mail
    publish(
        e2e_amqp_url,
        profile(SUPERVISOR, "dr. Hendra Wijaya", "hendra.wijaya@kepahiangkab.go.id", None),
        profile(ASN, "Siti Rahmawati", "siti.rahmawati@kepahiangkab.go.id", SUPERVISOR),
    )
    await asyncio.sleep(1.0)  # profiles land before the rating reaches notifications
    example = contract_example()
    publish(e2e_amqp_url, example)

    def done(w) -> bool:
        related = [e for e in w.events if e.get("correlationid") == example["id"]]
        return len([e for e in related if e["type"] == "NotificationSent"]) >= 8

    await watcher.wait_until(done)
    related = [e for e in watcher.events if e.get("correlationid") == example["id"]]
    rated = [e for e in related if e["type"] == "PerformanceRated"]
    coaching = [e for e in related if e["type"] == "CoachingStarted"]
    sent = [e for e in related if e["type"] == "NotificationSent"]
    inbox = [e for e in sent if e["data"]["channel"] == "INBOX"]
    sent = [e for e in sent if e["data"]["channel"] == "EMAIL"]
    assert [e["data"]["predikat"] for e in rated] == ["BUTUH_PERBAIKAN"]
    assert len(coaching) == 1
    started = coaching[0]["data"]
    assert started["nip"] == ASN and started["improvement_deadline"] > started["started_on"]
    assert sorted((e["data"]["trigger_event_type"], e["data"]["recipient_role"]) for e in sent) == [
        ("CoachingStarted", "ASN"),
        ("CoachingStarted", "SUPERVISOR"),
        ("PerformanceRated", "ASN"),
        ("PerformanceRated", "SUPERVISOR"),
    ]
    assert sorted(e["data"]["recipient_role"] for e in inbox) == ["ASN", "ASN", *["SUPERVISOR"] * 2]
    inboxes = [m["to"][0] for m in collector.messages]
    assert inboxes.count("siti.rahmawati@kepahiangkab.go.id") >= 2
    assert inboxes.count("hendra.wijaya@kepahiangkab.go.id") >= 2
    assert any("Butuh Perbaikan" in m["content"] for m in collector.messages)


async def test_sangat_baik_is_rewarded_and_told(system, watcher, e2e_amqp_url):
    nip = "199001012015031001"
    publish(
        e2e_amqp_url, profile(nip, "Agus Setiawan", "agus.setiawan@kepahiangkab.go.id", SUPERVISOR)
    )
    await asyncio.sleep(1.0)
    rating = supervisor_rating(nip, "DI_ATAS_EKSPEKTASI", "DI_ATAS_EKSPEKTASI")
    publish(e2e_amqp_url, rating)

    def done(w) -> bool:
        return any(
            e["type"] == "NotificationSent" and e["data"]["trigger_event_type"] == "RewardGranted"
            for e in w.events
            if e.get("correlationid") == rating["id"]
        )

    await watcher.wait_until(done)
    assert [e["data"]["predikat"] for e in watcher.of_type("RewardGranted", nip=nip)] == [
        "SANGAT_BAIK"
    ]
    assert not watcher.of_type("CoachingStarted", nip=nip)


async def test_complaint_receipt_reaches_the_complainant_and_no_event_carries_identity(
    system, watcher, mail, e2e_amqp_url
):
    collector, _ = mail
    complaint = envelope(
        "ComplaintReceived",
        {
            "complaint_id": "LAPOR-2026-000123",
            "channel": "SP4N-LAPOR",
            "received_at": "2026-10-06T10:00:00+07:00",
            "service_date": "2026-10-01",
            "unit_id": "kec-maulafa",
            "subject_nip": None,
            "category": "Pelayanan administrasi",
            "description": "Surat pengantar tidak kunjung selesai.",
            "complainant": {
                "name": "Yohanes Ndun",
                "email": "yohanes.ndun@contoh.id",
                "phone": "081234567890",
                "privacy": "RAHASIA",
            },
        },
        source="/agencies/lapor",
    )
    publish(e2e_amqp_url, complaint)

    def done(w) -> bool:
        return any(
            e["type"] == "NotificationSent" and e["data"]["recipient_role"] == "COMPLAINANT"
            for e in w.events
            if e.get("correlationid") == complaint["id"]
        )

    await watcher.wait_until(done)
    receipts = [m for m in collector.messages if m["to"] == ["yohanes.ndun@contoh.id"]]
    assert len(receipts) == 1 and "LAPOR-2026-000123" in receipts[0]["content"]
    ours = [e for e in watcher.events if e["source"].startswith("/asn-kinerja/")]
    for secret in ("Yohanes", "yohanes.ndun@contoh.id", "081234567890"):
        assert not any(secret in json.dumps(e) for e in ours)
        for service in ("assessment", "feedback", "sanctions", "notifications"):
            assert not any(secret in line for line in system.log_lines(service)), service


async def test_a_service_killed_mid_stream_loses_nothing(system, watcher, e2e_amqp_url):
    nips = [f"19800101200501{i:04d}" for i in range(40)]
    ratings = [supervisor_rating(n, "DI_BAWAH_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI") for n in nips]
    publish(e2e_amqp_url, *ratings[:20])
    await asyncio.sleep(0.3)
    system.kill("sanctions")  # SIGKILL: no chance to finish in-flight work
    publish(e2e_amqp_url, *ratings[20:])
    system.kill("assessment")
    system.restart("assessment")
    system.restart("sanctions")

    def done(w) -> bool:
        return {e["data"]["nip"] for e in w.of_type("CoachingStarted")} >= set(nips)

    await watcher.wait_until(done, timeout=90)
    for nip in nips:
        ids = {e["id"] for e in watcher.of_type("CoachingStarted", nip=nip)}
        assert len(ids) == 1, f"{nip}: {len(ids)} coaching cases"
        assert [e["data"]["predikat"] for e in watcher.of_type("PerformanceRated", nip=nip)][
            :1
        ] == ["SANGAT_KURANG"]
