"""The demo scenario, published the way another agency would: plain pika, CloudEvents, no
service code. Its cast (four units from the seed articles, their people and ratings) is in
asn_deploy.local.scenario.

What is published, in order, to the topic exchange `asn.events` (structured-mode CloudEvents,
persistent, publisher confirms, mandatory so an unroutable event is an error):

1. `EmployeeProfileUpdated` from the national HR system for 8 ASN and their 4 supervisors;
2. `AssessmentSubmitted` for period 2026-Q3 from each ASN's SUPERVISOR, covering every predikat
   (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG_MISCONDUCT, SANGAT_KURANG), plus one SELF assessment;
3. two `ComplaintReceived`: a PUBLIK one (with an e-mail address) from Surakarta's complaint app
   about a Disdukcapil officer, and a RAHASIA one through SP4N-LAPOR! about the Maulafa service
   desk.

    asn-demo [--amqp-url amqp://guest:guest@localhost:5672/]   # python -m asn_deploy.local.demo

The services must have started once (they declare the exchange and queues). `publish_demo`
returns a `DemoSummary` of what was sent and what should follow (predikat, coaching or reward,
notifications), which `asn-run-local` (asn_deploy.local.run) checks against what crosses the
exchange.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timezone
from typing import Any

import pika
from pika.exceptions import AMQPError, ChannelClosedByBroker, UnroutableError

from asn_deploy.local.defaults import DEFAULT_AMQP_URL, EXCHANGE
from asn_deploy.local.scenario import (
    COACHING,
    HR_SOURCE,
    PERIOD,
    REWARD,
    SELF_ASSESSMENT,
    SELF_ASSESSOR,
    STAFF,
    SUPERVISORS,
    UNITS,
    Person,
    Rating,
    complaints,
)

ROUTING_KEYS = {  # docs/agency-contract-v1.md: the event name in lower-case words + version
    "EmployeeProfileUpdated": "employee.profile.updated.v1",
    "AssessmentSubmitted": "assessment.submitted.v1",
    "ComplaintReceived": "complaint.received.v1",
}


@dataclass(frozen=True)
class DemoAsn:
    nip: str
    name: str
    place: str
    unit_name: str
    email: str
    supervisor_nip: str
    supervisor_name: str
    supervisor_email: str
    rating_hasil_kerja: str
    rating_perilaku_kerja: str
    expected_predikat: str
    assessment_id: str  # CloudEvents id of the supervisor's AssessmentSubmitted

    @property
    def expected_follow_up(self) -> str | None:
        """The sanctions service's event expected after the rating, if any."""
        if self.expected_predikat in COACHING:
            return "CoachingStarted"
        if self.expected_predikat in REWARD:
            return "RewardGranted"
        return None


@dataclass(frozen=True)
class DemoComplaint:
    complaint_id: str
    event_id: str
    channel: str
    privacy: str
    unit_id: str
    subject_nip: str | None
    complainant_email: str | None


@dataclass
class DemoSummary:
    period: str
    asn: list[DemoAsn] = field(default_factory=list)
    supervisors: list[Person] = field(default_factory=list)
    self_assessment: tuple[str, str] | None = None  # (nip, event id)
    complaints: list[DemoComplaint] = field(default_factory=list)
    published: list[tuple[str, str, str]] = field(default_factory=list)  # (type, id, routing key)

    def expected_notifications(self, follow_ups: bool = True) -> list[tuple[str, str, str]]:
        """(correlation id, trigger event type, label): at least one NotificationSent each.

        `follow_ups=False` leaves out coaching and rewards: on a system that already holds this
        demo's ratings (a re-run on kept data) the new rating supersedes the old one for the same
        period, and the case or reward opened the first time is not opened again.
        """
        expected = []
        for a in self.asn:
            expected.append((a.assessment_id, "PerformanceRated", a.nip))
            if a.expected_follow_up and follow_ups:
                expected.append((a.assessment_id, a.expected_follow_up, a.nip))
        for c in self.complaints:
            if c.complainant_email:
                expected.append((c.event_id, "ComplaintReceived", c.complaint_id))
        return expected


def _event(event_type: str, data: dict, *, source: str, subject: str | None, tz: timezone) -> dict:
    event = {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": source,
        "type": event_type,
        "time": datetime.now(tz).isoformat(timespec="seconds"),
        "datacontenttype": "application/json",
        "data": data,
    }
    if subject:
        event["subject"] = subject
    return event


def _profile(person: Person) -> dict:
    unit = UNITS[person.unit]
    return _event(
        "EmployeeProfileUpdated",
        {
            "nip": person.nip,
            "name": person.name,
            "unit_id": unit.unit_id,
            "unit_name": unit.unit_name,
            "position": person.position,
            "position_type": person.position_type,
            "supervisor_nip": person.supervisor_nip,
            "email": person.email,
            "phone": person.phone,
        },
        source=HR_SOURCE,
        subject=person.nip,
        tz=unit.tz,
    )


def _assessment(
    person: Person, assessor_nip: str, role: str, rating: Rating | None, **extra
) -> dict:
    unit = UNITS[person.unit]
    data = {
        "nip": person.nip,
        "period": PERIOD,
        "assessor_nip": assessor_nip,
        "assessor_role": role,
    }
    if rating is not None:
        data |= {
            "rating_hasil_kerja": rating.hasil,
            "rating_perilaku_kerja": rating.perilaku,
            "notes": rating.notes,
        }
    data |= extra
    return _event(
        "AssessmentSubmitted", data, source=unit.assessment_source, subject=person.nip, tz=unit.tz
    )


def _complaints(now: datetime) -> list[tuple[dict[str, Any], DemoComplaint]]:
    events = [
        _event("ComplaintReceived", c.data, source=c.source, subject=c.subject, tz=c.tz)
        for c in complaints(now)
    ]
    return [
        (
            e,
            DemoComplaint(
                e["data"]["complaint_id"],
                e["id"],
                e["data"]["channel"],
                e["data"]["complainant"]["privacy"],
                e["data"]["unit_id"],
                e["data"]["subject_nip"],
                e["data"]["complainant"]["email"],
            ),
        )
        for e in events
    ]


def _publish(channel, event: dict) -> str:
    key = ROUTING_KEYS[event["type"]]
    channel.basic_publish(
        EXCHANGE,
        key,
        json.dumps(event, ensure_ascii=False).encode("utf-8"),
        pika.BasicProperties(
            content_type="application/cloudevents+json",
            delivery_mode=pika.DeliveryMode.Persistent,
            message_id=event["id"],
            timestamp=int(time.time()),
            app_id=event["source"].rsplit("/", 1)[-1],
        ),
        mandatory=True,  # with confirms: an unroutable event raises UnroutableError
    )
    return key


def _demo_asn(person: Person, rating: Rating, supervisor: Person, event: dict[str, Any]) -> DemoAsn:
    """What the supervisor's assessment of `person` should lead to."""
    return DemoAsn(
        nip=person.nip,
        name=person.name,
        place=UNITS[person.unit].place,
        unit_name=UNITS[person.unit].unit_name,
        email=person.email,
        supervisor_nip=supervisor.nip,
        supervisor_name=supervisor.name,
        supervisor_email=supervisor.email,
        rating_hasil_kerja=rating.hasil,
        rating_perilaku_kerja=rating.perilaku,
        expected_predikat=rating.predikat,
        assessment_id=event["id"],
    )


def publish_demo(amqp_url: str, *, pause_after_profiles: float = 2.0) -> DemoSummary:
    """Publish the whole scenario; return what was sent and what should follow.

    `pause_after_profiles` lets the profiles land (notifications needs the addresses) before the
    ratings that will be mailed about arrive, as in real life where HR data comes first.
    """
    summary = DemoSummary(period=PERIOD, supervisors=list(SUPERVISORS))
    by_nip = {p.nip: p for p in SUPERVISORS}
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    try:
        channel = connection.channel()
        channel.confirm_delivery()

        def send(event: dict) -> None:
            key = _publish(channel, event)
            summary.published.append((event["type"], event["id"], key))

        for person in [*SUPERVISORS, *(p for p, _ in STAFF)]:
            send(_profile(person))
        if pause_after_profiles:
            connection.sleep(pause_after_profiles)

        for person, rating in STAFF:
            assert person.supervisor_nip, f"{person.name} is staff: the cast gives a supervisor"
            event = _assessment(person, person.supervisor_nip, "SUPERVISOR", rating)
            send(event)
            summary.asn.append(_demo_asn(person, rating, by_nip[person.supervisor_nip], event))

        desi = next(p for p, _ in STAFF if p.nip == SELF_ASSESSOR)
        self_event = _assessment(desi, desi.nip, "SELF", None, **SELF_ASSESSMENT)
        send(self_event)
        summary.self_assessment = (desi.nip, self_event["id"])

        for event, complaint in _complaints(datetime.now(UTC)):
            send(event)
            summary.complaints.append(complaint)
    finally:
        if connection.is_open:
            connection.close()
    return summary


def print_summary(summary: DemoSummary) -> None:
    print(f"published {len(summary.published)} events to exchange {EXCHANGE}:")
    for a in summary.asn:
        follow = f" -> {a.expected_follow_up}" if a.expected_follow_up else ""
        print(f"  {a.nip}  {a.name:<32} {a.expected_predikat:<18}{follow}")
    if summary.self_assessment:
        print(f"  {summary.self_assessment[0]}  SELF assessment (stored, no predikat)")
    for c in summary.complaints:
        print(f"  complaint {c.complaint_id} via {c.channel} ({c.privacy}) about {c.unit_id}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="asn-demo", description="Publish the demo scenario like an agency would (pika)."
    )
    parser.add_argument("--amqp-url", default=os.environ.get("AMQP_URL", DEFAULT_AMQP_URL))
    parser.add_argument(
        "--pause", type=float, default=2.0, help="seconds between profiles and assessments"
    )
    args = parser.parse_args(argv)
    try:
        summary = publish_demo(args.amqp_url, pause_after_profiles=args.pause)
    except ChannelClosedByBroker as exc:
        print(
            f"demo: the broker refused: {exc.reply_text}. Have the services started once "
            f"(they declare {EXCHANGE} and their queues)? `make run` does that.",
            file=sys.stderr,
        )
        return 1
    except UnroutableError:
        print(
            "demo: an event was unroutable (no queue bound for it): start the services first.",
            file=sys.stderr,
        )
        return 1
    except AMQPError as exc:
        reason = str(exc) or ", ".join(str(a) or repr(a) for a in exc.args)
        print(
            f"demo: cannot publish to RabbitMQ at {args.amqp_url.split('@')[-1]}: "
            f"{type(exc).__name__}: {reason}",
            file=sys.stderr,
        )
        return 1
    print_summary(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
