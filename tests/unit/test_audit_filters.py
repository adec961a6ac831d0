"""Audit replay pieces without a broker: --from parsing, filters, record parsing, resume file,
the table."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from asn_audit.adapters.display import TableOutput
from asn_audit.adapters.resume import ResumeFile
from asn_audit.domain.filters import ACTOR, EventFilter, actor_of, period_within
from asn_audit.usecases.selection import event_filter
from asn_shared.audit_stream.errors import AuditError
from asn_shared.audit_stream.reader import parse_start
from asn_shared.audit_stream.records import record_from_message
from asn_shared.catalog import event_model
from asn_shared.envelope import new_event
from asn_shared.runtime import unit_of_work

EXAMPLES = Path(__file__).resolve().parents[2] / "shared/asn_shared/catalog/examples"
WIB = timezone(timedelta(hours=7))


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text())


def structured_record(event_json: dict, offset: int = 0, routing_key: str = "a.b.v1"):
    return record_from_message(
        offset=offset,
        routing_key=routing_key,
        body=json.dumps(event_json).encode(),
        headers={"x-stream-offset": offset},
        content_type="application/cloudevents+json",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("first", "first"),
        ("FIRST", "first"),
        ("0", 0),
        ("1200", 1200),
        ("2026-10-05", datetime(2026, 10, 5, tzinfo=UTC)),
        ("2026-10-05T09:30:00+07:00", datetime(2026, 10, 5, 9, 30, tzinfo=WIB)),
        ("2026-10-05T02:30:00Z", datetime(2026, 10, 5, 2, 30, tzinfo=UTC)),
        ("2026-10-05T02:30:00", datetime(2026, 10, 5, 2, 30, tzinfo=UTC)),
    ],
)
def test_from_accepts_first_an_offset_or_a_time(text, expected):
    assert parse_start(text) == expected


@pytest.mark.parametrize("text", ["last", "next", "-3", "1.5", "yesterday", "2026-13-01", ""])
def test_from_refuses_anything_else_in_one_line(text):
    with pytest.raises(AuditError, match="--from") as refused:
        parse_start(text)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("event_period", "wanted", "within"),
    [
        ("2026", "2026", True),
        ("2026-Q3", "2026", True),
        ("2026-S2", "2026", True),
        ("2026-07", "2026", True),
        ("2026-Q3", "2026-S2", True),
        ("2026-09", "2026-Q3", True),
        ("2026-Q3", "2026-Q3", True),
        ("2026", "2026-Q3", False),  # an annual period is not inside one of its quarters
        ("2026-Q2", "2026-S2", False),
        ("2025-Q3", "2026", False),
        ("2026-10", "2026-Q3", False),
        ("periode-lama", "2026", False),  # not the contract's syntax: compared as text
    ],
)
def test_a_period_filter_keeps_periods_inside_it(event_period, wanted, within):
    assert period_within(event_period, wanted) is within


SUBMITTED = example("assessment.submitted.v1")  # /agencies/ekinerja-kotabumi, 2026-Q3, 09:30 WIB
RATED = example("performance.rated.v1")


# (filter, keeps AssessmentSubmitted example, keeps PerformanceRated example)
FILTERS = [
    ({}, True, True),
    ({"types": ["AssessmentSubmitted"]}, True, False),
    ({"types": ["assessment.submitted.v1"]}, True, False),  # the routing key works too
    ({"types": ["AssessmentSubmitted", "PerformanceRated"]}, True, True),
    ({"sources": ["/agencies/ekinerja-kotabumi"]}, True, False),
    ({"sources": ["/agencies"]}, False, False),  # exact unless it ends with *
    ({"sources": ["/agencies/*"]}, True, False),
    ({"sources": ["/agencies/*", "/asn-kinerja/*"]}, True, True),
    ({"subjects": ["198703122010011004"]}, True, True),  # both examples are about this NIP
    ({"subjects": ["199901012020011001"]}, False, False),
    ({"periods": ["2026"]}, True, True),
    ({"periods": ["2026-S2"]}, True, True),
    ({"periods": ["2026-Q4"]}, False, False),
    ({"periods": ["2025"]}, False, False),
    ({"since": "2026-10-05T02:30:00Z"}, True, True),  # == 09:30 WIB: since is inclusive
    ({"since": "2026-10-05T02:30:01Z"}, False, None),
    ({"until": "2026-10-05T09:30:00+07:00"}, False, None),  # until is exclusive
    ({"types": ["AssessmentSubmitted"], "periods": ["2025"]}, False, False),  # options AND
]


@pytest.mark.parametrize(
    ("options", "keeps_submitted", "keeps_rated"),
    FILTERS,
    ids=[" ".join(f"{k}={v}" for k, v in options.items()) or "none" for options, *_ in FILTERS],
)
def test_filters(options, keeps_submitted, keeps_rated):
    chosen = event_filter(**options)
    submitted = structured_record(SUBMITTED, routing_key="assessment.submitted.v1")
    assert chosen.matches(submitted) is keeps_submitted
    if keeps_rated is not None:
        rated = structured_record(RATED, routing_key="performance.rated.v1")
        assert chosen.matches(rated) is keeps_rated


# A discipline case's steps, each commanded over HTTP by an official (the `actor` extension, as
# asn_shared/runtime/unit_of_work.py stamps it), beside an agency's event that has no actor.
EXAMINER = "197806142003121003"  # opened the case (binary mode: the `ce-actor` header)
HEAD = "196805121990031002"  # summoned and heard, then decided
STRANGER = "199901012020011001"
CASE_NIP = "199005232015032001"  # the ASN the case is about: the events' subject, not an actor


def binary_record(event_json: dict, offset: int, routing_key: str):
    attributes = {k: v for k, v in event_json.items() if k not in ("data", "datacontenttype")}
    return record_from_message(
        offset=offset,
        routing_key=routing_key,
        body=json.dumps(event_json["data"]).encode(),
        headers={f"ce-{name}": value for name, value in attributes.items()},
        content_type="application/json",
    )


ACTED = {
    "opened": binary_record(
        dict(example("disciplinary.case.opened.v1"), actor=EXAMINER),
        0,
        "disciplinary.case.opened.v1",
    ),
    "hearing": structured_record(
        dict(example("hearing.scheduled.v1"), actor=HEAD), 1, "hearing.scheduled.v1"
    ),
    "decision": structured_record(
        dict(example("sanction.imposed.v1"), actor=HEAD), 2, "sanction.imposed.v1"
    ),
    "submitted": structured_record(SUBMITTED, 3, "assessment.submitted.v1"),  # no actor
    "empty actor": structured_record(dict(RATED, actor=""), 4, "performance.rated.v1"),
}

# (filter, the records it keeps)
ACTOR_FILTERS = [
    ({}, set(ACTED)),
    ({"actors": [HEAD]}, {"hearing", "decision"}),
    ({"actors": [EXAMINER]}, {"opened"}),  # read from a binary-mode event's ce-actor too
    ({"actors": [HEAD, EXAMINER]}, {"opened", "hearing", "decision"}),  # alternatives
    ({"actors": [STRANGER]}, set()),
    ({"actors": [CASE_NIP]}, set()),  # the subject is not the actor
    ({"subjects": [CASE_NIP]}, {"opened", "hearing", "decision"}),
    ({"actors": [f"  {HEAD} ", ""]}, {"hearing", "decision"}),  # as the command line cleans it
    ({"actors": [""]}, set(ACTED)),  # an empty value is no filter
    ({"actors": [HEAD], "types": ["SanctionImposed"]}, {"decision"}),  # options AND
    ({"actors": [HEAD], "types": ["hearing.scheduled.v1"]}, {"hearing"}),
    ({"actors": [EXAMINER], "types": ["SanctionImposed"]}, set()),
    (
        {"actors": [HEAD, EXAMINER], "types": ["DisciplinaryCaseOpened", "SanctionImposed"]},
        {"opened", "decision"},
    ),
    ({"actors": [HEAD], "since": "2026-04-20"}, {"decision"}),
    ({"types": ["AssessmentSubmitted"]}, {"submitted"}),
]


@pytest.mark.parametrize(
    ("options", "kept"),
    ACTOR_FILTERS,
    ids=[
        " ".join(f"{k}={v}" for k, v in options.items()) or "none" for options, _ in ACTOR_FILTERS
    ],
)
def test_the_actor_filter_keeps_what_the_named_officials_commanded(options, kept):
    chosen = event_filter(**options)
    assert {name for name, record in ACTED.items() if chosen.matches(record)} == kept


def test_the_actor_is_the_extension_the_unit_of_work_stamps():
    assert ACTOR == unit_of_work.ACTOR == "actor"
    model = event_model("HearingScheduled")
    data = model.model_validate(example("hearing.scheduled.v1")["data"])
    stamped = new_event(data, source="/asn-kinerja/sanctions", extensions={ACTOR: HEAD})
    assert actor_of(stamped) == HEAD
    assert actor_of(new_event(data, source="/asn-kinerja/sanctions")) is None
    odd = structured_record(dict(example("hearing.scheduled.v1"), actor=42))
    assert odd.event is not None and actor_of(odd.event) is None  # a NIP is text
    assert not event_filter(actors=["42"]).matches(odd)


def test_the_table_shows_each_events_actor_and_nothing_for_one_without(tmp_path: Path):
    path = tmp_path / "replay.txt"
    table = TableOutput(path)
    for record in ACTED.values():
        table.write(record)
    table.write(
        record_from_message(offset=5, routing_key="x", body=b"{", headers={}, content_type=None)
    )
    table.close()
    lines = path.read_text().splitlines()
    header = next(line for line in lines if "offset" in line)
    assert [cell.strip() for cell in header.split("┃")[1:-1]] == [
        "offset",
        "time",
        "type",
        "source",
        "subject",
        "actor",
    ]

    def row(offset: int) -> list[str]:
        (line,) = [line for line in lines if line.startswith(f"│ {offset:>6} │")]
        return [cell.strip() for cell in line.split("│")[1:-1]]

    assert row(0)[2:] == ["DisciplinaryCaseOpened", "/asn-kinerja/sanctions", CASE_NIP, EXAMINER]
    assert row(1)[2:] == ["HearingScheduled", "/asn-kinerja/sanctions", CASE_NIP, HEAD]
    assert row(2)[2:] == ["SanctionImposed", "/asn-kinerja/sanctions", CASE_NIP, HEAD]
    assert row(3)[2] == "AssessmentSubmitted" and row(3)[5] == ""  # no actor: an empty cell
    assert row(4)[5] == ""
    assert row(5)[2] == "unparseable" and row(5)[5] == ""


def test_the_table_shows_what_a_publisher_wrote_as_text_not_markup(tmp_path: Path):
    path = tmp_path / "replay.txt"
    table = TableOutput(path)
    table.write(structured_record(dict(SUBMITTED, source="[/x]", actor="[bold]nip[/bold]")))
    table.close()  # rich markup here would fail the whole table (a closing tag without opening)
    text = path.read_text()
    assert "[/x]" in text and "[bold]nip[/bold]" in text


def test_a_message_that_is_not_a_cloudevent_passes_only_when_nothing_is_filtered():
    garbage = record_from_message(
        offset=3, routing_key="x", body=b"\xff\x00", headers={}, content_type=None
    )
    assert garbage.event is None and "not JSON" in garbage.error
    assert EventFilter().matches(garbage)
    assert not event_filter(periods=["2026"]).matches(garbage)
    assert not event_filter(actors=[HEAD]).matches(garbage)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"periods": ["2026-Q5"]}, "--period"),
        ({"since": "kemarin"}, "--since"),
        ({"since": "2026-10-02", "until": "2026-10-01"}, "before --until"),
    ],
)
def test_bad_filter_options_are_one_line_errors(options, message):
    with pytest.raises(AuditError, match=message):
        event_filter(**options)


def test_structured_mode_is_exported_exactly_as_published():
    record = structured_record(SUBMITTED, offset=7, routing_key="assessment.submitted.v1")
    assert record.mode == "structured" and record.event.type == "AssessmentSubmitted"
    exported = record.to_export()
    assert exported["event"] == SUBMITTED  # including its +07:00 time, not re-serialised
    assert exported["offset"] == 7 and "error" not in exported


def test_binary_mode_is_read_from_ce_headers_and_the_body():
    model = event_model("AssessmentSubmitted")
    event = new_event(model.model_validate(SUBMITTED["data"]), source="/agencies/x")
    headers = {
        "x-stream-offset": 4,
        "ce-specversion": "1.0",
        "ce-id": event.id,
        "ce-source": event.source,
        "ce-type": event.type,
        "ce-time": event.time.isoformat(),
        "ce-subject": event.subject,
    }
    record = record_from_message(
        offset=4,
        routing_key="assessment.submitted.v1",
        body=json.dumps(event.data).encode(),
        headers=headers,
        content_type="application/json",
        user_id="guest",
    )
    assert record.mode == "binary" and record.error is None
    assert record.event_json["id"] == event.id and record.event_json["data"] == event.data
    assert record.to_export()["user_id"] == "guest"


def test_the_resume_file_is_replaced_atomically_and_checked(tmp_path: Path):
    path = tmp_path / "audit.offset"
    resume = ResumeFile(path, "asn.audit")
    assert resume.load() is None
    resume.save(41)
    assert resume.load() == 41
    assert json.loads(path.read_text())["stream"] == "asn.audit"
    assert [p.name for p in tmp_path.iterdir()] == ["audit.offset"]  # no temporary files left
    with pytest.raises(AuditError, match="belongs to stream 'asn.audit'"):
        ResumeFile(path, "other.stream").load()
    path.write_text("{}")
    with pytest.raises(AuditError, match="not one of ours"):
        resume.load()
