"""A complaint's handling through the feedback API and deadline watch, on SQLite and PostgreSQL:
steps by the desk, the head and the complainant; each missed deadline published once, naming
the official and the article; a file left incomplete deemed withdrawn; the holiday calendar."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from urllib.parse import quote

import pytest

from asn_feedback.adapters.tables import complaints
from asn_feedback.adapters.unit_of_work import FeedbackUnitOfWork
from asn_feedback.domain.complaints import JAKARTA
from asn_feedback.usecases.deadlines import watch_deadlines
from asn_shared.catalog.agency_events import ComplaintReceived
from asn_shared.messaging.consumer import Outcome
from asn_shared.runtime.unit_of_work import unit_of_work
from asn_shared.sealing import ContactSeal
from tests.integration.test_feedback_satisfaction import (
    CONTACT_KEY,
    OFFICER,
    UNIT,
    Feedback,
    feedback,
)

# Deadlines count days from "today" in Asia/Jakarta: the tests take it from the clock fixture.
pytestmark = pytest.mark.clock

DESK, HEAD = "198001012005011001", "197501012000031002"
OFFICIALS = {
    "desk_nip": DESK,
    "desk_position": "Pengelola Pengaduan",
    "head_nip": HEAD,
    "head_position": "Kepala Dinas",
}
SECRET = "Maria Goreti"


def complaint(cid: str, received: date) -> ComplaintReceived:
    return ComplaintReceived.model_validate(
        {
            "complaint_id": cid,
            "channel": "SP4N-LAPOR!",
            "received_at": datetime(received.year, received.month, received.day, 9, tzinfo=JAKARTA),
            "service_date": received - timedelta(days=2),
            "unit_id": UNIT,
            "subject_nip": OFFICER,
            "category": "pungli",
            "description": "Diminta biaya tambahan",
            "complainant": {"name": SECRET, "email": "maria@contoh.id", "privacy": "RAHASIA"},
        }
    )


async def watch(f: Feedback, today: date) -> int:
    async with unit_of_work(f.sessions, "/asn-kinerja/feedback") as uow:
        calendar = f.settings.holiday_source.calendar()
        return await watch_deadlines(FeedbackUnitOfWork.opened(uow, f.settings), today, calendar)


def steps(cid: str) -> str:
    return f"/api/v1/complaints/{quote('SP4N-LAPOR!')}/{cid}/steps"


async def test_handled_in_time_and_every_step_in_its_order(database_url, clock):
    async with feedback(database_url, clock) as f:
        today = clock.today()
        assert (
            await f.deliver(complaint("LAP-1", today), source="/agencies/lapor") is Outcome.APPLIED
        )
        unassigned = await f.client.post(
            steps("LAP-1"), json={"action": "VERIFY_COMPLETE", "actor_nip": DESK}
        )
        assert unassigned.status_code == 409 and "no complaint officials" in unassigned.text
        assert (
            await f.admin.put(f"/api/v1/units/{UNIT}/complaint-officials", json=OFFICIALS)
        ).status_code == 200
        wrong = await f.client.post(
            steps("LAP-1"), json={"action": "VERIFY_COMPLETE", "actor_nip": HEAD}
        )
        assert wrong.status_code == 403
        early = await f.client.post(
            steps("LAP-1"), json={"action": "DECIDE", "actor_nip": HEAD, "decision": "TERBUKTI"}
        )
        assert (
            early.status_code == 409 and "cannot take DECIDE" in early.json()["detail"]["message"]
        )
        for body in (
            {"action": "VERIFY_COMPLETE", "actor_nip": DESK},
            {"action": "FOLLOW_UP", "actor_nip": HEAD, "note": "Petugas dipanggil"},
            {"action": "DECIDE", "actor_nip": HEAD, "decision": "TERBUKTI"},
            {"action": "NOTIFY", "actor_nip": DESK},
        ):
            response = await f.client.post(steps("LAP-1"), json=body)
            assert response.status_code == 200, response.text
        stranger = await f.client.post(
            steps("LAP-1"), json={"action": "ACCEPT", "receipt_number": "TT-0000-0000-0000"}
        )
        assert stranger.status_code == 403
        receipt = response.json()["receipt_number"]
        closed = await f.client.post(
            steps("LAP-1"), json={"action": "ACCEPT", "receipt_number": receipt}
        )
        assert closed.json()["status"] == "CLOSED"
        [verified] = await f.outbox("ComplaintVerified")
        assert verified["data"]["outcome"] == "LENGKAP"
        assert verified["data"]["decision_due"] == (today + timedelta(days=60)).isoformat()
        [resolved] = await f.outbox("ComplaintResolved")
        assert (resolved["data"]["outcome"], resolved["data"]["subject_nip"]) == (
            "TERBUKTI",
            OFFICER,
        )
        summary = (await f.outbox("CitizenFeedbackSummarized"))[-1]["data"]
        assert summary["complaints_substantiated"] == 1
        assert await watch(f, today + timedelta(days=365)) == 0  # nothing was late
        stats = await f.client.get(
            f"/api/v1/units/{UNIT}/statistics", params={"period": str(today.year)}
        )
        figures = stats.json()["complaints"]
        assert (figures["decided"], figures["decided_within_deadline"]) == (1, 1)
        assert figures["substantiated"] == 1 and figures["by_status"]["CLOSED"] == 1
        assert set(figures["deadlines_missed"].values()) == {0}
        everything = [*await f.outbox("ComplaintVerified"), *await f.outbox("ComplaintResolved")]
        assert SECRET not in str(everything) and "maria@contoh.id" not in str(everything)


async def test_missed_deadlines_are_published_once_with_the_official_and_article(
    database_url, tmp_path
):
    calendar = tmp_path / "holidays.json"  # ASN_HOLIDAYS_FILE, shared by every service
    calendar.write_text('[{"day": "2026-03-19", "name": "Hari Suci Nyepi"}]')
    async with feedback(database_url, ASN_HOLIDAYS_FILE=calendar) as f:
        received = date(2026, 3, 16)  # Monday; Nyepi on Thursday 19 March
        await f.deliver(complaint("LAP-2", received), source="/agencies/lapor")
        await f.admin.put(f"/api/v1/units/{UNIT}/complaint-officials", json=OFFICIALS)
        holidays = await f.client.get("/api/v1/holidays/2026")
        assert holidays.json() == [{"day": "2026-03-19", "name": "Hari Suci Nyepi"}]
        assert await watch(f, date(2026, 3, 20)) == 0  # Nyepi pushed the last day to Friday
        assert await watch(f, date(2026, 3, 21)) == 1
        assert await watch(f, date(2026, 3, 22)) == 0  # published once
        assert await watch(f, date(2026, 3, 31)) == 1  # and the 14-day response, Pasal 44(3)
        missed = {
            e["data"]["deadline"]: e["data"] for e in await f.outbox("ComplaintDeadlineMissed")
        }
        assert missed["VERIFIKASI_LAPOR"]["due_date"] == "2026-03-20"
        assert missed["VERIFIKASI_LAPOR"]["responsible_nip"] == DESK
        assert missed["RESPON_KELENGKAPAN"]["article_breached"] == "UU 25/2009 Pasal 44(3)"
        assert missed["RESPON_KELENGKAPAN"]["sanction_basis"] == "UU 25/2009 Pasal 54(5)"
        stats = await f.client.get(f"/api/v1/units/{UNIT}/statistics", params={"period": "2026-Q1"})
        figures = stats.json()["complaints"]["deadlines_missed"]
        assert (
            figures["VERIFIKASI_LAPOR"],
            figures["RESPON_KELENGKAPAN"],
            figures["KEPUTUSAN"],
        ) == (1, 1, 0)


async def test_an_incomplete_file_left_for_thirty_days_is_withdrawn(database_url, clock):
    async with feedback(database_url, clock) as f:
        today = clock.today()
        await f.deliver(complaint("LAP-3", today), source="/agencies/lapor")
        await f.admin.put(f"/api/v1/units/{UNIT}/complaint-officials", json=OFFICIALS)
        incomplete = await f.client.post(
            steps("LAP-3"), json={"action": "VERIFY_INCOMPLETE", "actor_nip": DESK}
        )
        assert incomplete.json()["status"] == "INCOMPLETE"
        await watch(f, today + timedelta(days=30))
        assert await f.outbox("ComplaintResolved") == []
        await watch(f, today + timedelta(days=31))
        [withdrawn] = await f.outbox("ComplaintResolved")
        assert withdrawn["data"]["outcome"] == "DICABUT" and "notify_due" not in withdrawn["data"]
        after = await f.client.post(
            steps("LAP-3"),
            json={"action": "COMPLETE_FILE", "receipt_number": withdrawn["data"]["receipt_number"]},
        )
        assert after.status_code == 409 and "handling has ended" in after.text


async def test_own_intake_seals_the_contact_out_of_the_event(database_url, clock):
    async with feedback(database_url, clock) as f:
        body = {
            "unit_id": UNIT,
            "service_date": clock.today().isoformat(),
            "category": "antrean",
            "description": "Antrean tidak tertib",
            "complainant": {"name": SECRET, "email": "maria@contoh.id", "privacy": "RAHASIA"},
        }
        filed = await f.client.post("/api/v1/complaints", json=body)
        assert filed.status_code == 202, filed.text
        [event] = await f.outbox("ComplaintReceived")
        assert event["data"]["channel"] == "ASN-KINERJA"
        assert event["data"]["complaint_id"] == filed.json()["complaint_id"]
        assert event["data"]["complainant"] == {"privacy": "RAHASIA"}
        assert SECRET not in json.dumps(event) and "maria@contoh.id" not in json.dumps(event)
        assert ContactSeal(CONTACT_KEY).open(event["sealedcontact"]) == {
            "name": SECRET,
            "email": "maria@contoh.id",
        }
        assert await f.pump() == 1  # the desk itself opens the seal and keeps the contact
        [row] = await f.rows(complaints)
        assert (row.complainant_name, row.complainant_email) == (SECRET, "maria@contoh.id")
        missing = await f.client.post("/api/v1/complaints", json={"unit_id": UNIT})
        assert missing.status_code == 422


async def test_without_a_contact_key_a_contact_is_refused_not_published(database_url, clock):
    async with feedback(database_url, clock, contact_key=None) as f:
        body = {
            "unit_id": UNIT,
            "service_date": clock.today().isoformat(),
            "category": "antrean",
            "description": "Antrean tidak tertib",
            "complainant": {"email": "maria@contoh.id", "privacy": "PUBLIK"},
        }
        refused = await f.client.post("/api/v1/complaints", json=body)
        assert refused.status_code == 503 and "FEEDBACK_CONTACT_KEY" in refused.text
        assert await f.outbox("ComplaintReceived") == []
        body["complainant"] = {"privacy": "ANONIM"}  # nothing to seal: accepted
        assert (await f.client.post("/api/v1/complaints", json=body)).status_code == 202
