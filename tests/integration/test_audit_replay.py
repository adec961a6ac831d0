"""`asn-audit` on the real broker: replaying the audit stream, filters, resume, export + verify.

Each test reads a stream in a vhost of its own (created with rabbitmqctl, deleted afterwards), so
the stream holds exactly the events the test published: the catalog's examples wrapped with
`new_event`, one binary-mode CloudEvent and one message that is not a CloudEvent at all. The
command line runs as a real process (`python -m asn_audit.cli`) to check exit codes and that
errors are one line without a traceback.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import aio_pika
import pytest

from asn_audit.adapters.export import JsonlExport
from asn_audit.usecases.replay import ReplayOptions, run_replay
from asn_audit.usecases.verify import verify_export
from asn_deploy.rabbitmq.rabbitmqctl import create_vhost, delete_vhost, vhost_url
from asn_shared.audit_stream.errors import AuditError
from asn_shared.audit_stream.reader import AuditStreamReader
from asn_shared.audit_stream.records import AuditRecord
from asn_shared.catalog import event_model
from asn_shared.envelope import STRUCTURED_CONTENT_TYPE, CloudEvent, new_event
from asn_shared.messaging.topology import AUDIT_EXCHANGE, TopologySettings, declare_topology

from ..conftest import AMQP_BASE, REPO

pytestmark = pytest.mark.integration

EXAMPLES = REPO / "shared/asn_shared/catalog/examples"
OTHER_SOURCE = "/agencies/ekinerja-metro"
GARBAGE = b"{not json"


@contextmanager
def fresh_vhost() -> Iterator[str]:
    name = f"asn-test-audit-{uuid.uuid4().hex[:8]}"
    create_vhost(name)
    try:
        yield vhost_url(AMQP_BASE, name)
    finally:
        delete_vhost(name)


@dataclass
class Published:
    offset: int
    routing_key: str
    event: CloudEvent | None  # None: the message that is not a CloudEvent
    mode: str  # structured, binary or garbage


def catalog_events() -> list[tuple[CloudEvent, str]]:
    """Every example of the catalog as a fresh event (its own id), with its example time."""
    events = []
    for path in sorted(EXAMPLES.glob("*.json")):
        example = json.loads(path.read_text())
        model = event_model(example["type"])
        data = model.model_validate(example["data"])
        time_ = datetime.fromisoformat(example["time"])
        events.append((new_event(data, source=example["source"], time=time_), model.routing_key()))
    return events


def submitted(period: str, source: str = OTHER_SOURCE) -> tuple[CloudEvent, str]:
    example = json.loads((EXAMPLES / "assessment.submitted.v1.json").read_text())
    model = event_model("AssessmentSubmitted")
    data = model.model_validate(dict(example["data"], period=period))
    return new_event(data, source=source), model.routing_key()


def structured_message(event: CloudEvent) -> aio_pika.Message:
    return aio_pika.Message(
        event.to_json_bytes(),
        content_type=STRUCTURED_CONTENT_TYPE,
        message_id=event.id,
        user_id="guest",
        timestamp=datetime.now(UTC),
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
    )


def binary_message(event: CloudEvent) -> aio_pika.Message:
    attributes = event.model_dump(mode="json", exclude_none=True)
    data = attributes.pop("data")
    attributes.pop("datacontenttype", None)
    return aio_pika.Message(
        json.dumps(data).encode(),
        content_type="application/json",
        headers={f"ce-{name}": value for name, value in attributes.items()},
        message_id=event.id,
        user_id="guest",
    )


async def publish(url: str, messages: list[tuple[aio_pika.Message, str]]) -> None:
    """Declare the topology and publish with confirms, one after the other (offsets in order)."""
    connection = await aio_pika.connect(url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        await declare_topology(channel, [], TopologySettings())
        exchange = await channel.get_exchange(AUDIT_EXCHANGE)  # the stream's door
        for message, routing_key in messages:
            await exchange.publish(message, routing_key=routing_key, mandatory=True)


async def publish_events(url: str, events: list[tuple[CloudEvent, str]]) -> None:
    await publish(url, [(structured_message(e), key) for e, key in events])


def dataset_messages() -> tuple[list[tuple[aio_pika.Message, str]], list[Published]]:
    plan: list[tuple[str, CloudEvent | None, str]] = [
        ("structured", e, key) for e, key in catalog_events()
    ]
    plan.append(("structured", *submitted("2025-Q4")))
    plan.append(("binary", *submitted("2026")))
    plan.append(("garbage", None, "assessment.submitted.v1"))
    plan.append(("structured", *submitted("2026-S2", source="/agencies/ekinerja-kotabumi")))
    messages, published = [], []
    for offset, (mode, event, key) in enumerate(plan):
        if mode == "garbage":
            message = aio_pika.Message(GARBAGE, content_type="application/json", user_id="guest")
        else:
            message = binary_message(event) if mode == "binary" else structured_message(event)
        messages.append((message, key))
        published.append(Published(offset, key, event, mode))
    return messages, published


@dataclass
class Dataset:
    url: str
    published: list[Published]

    def offsets(self, keep=lambda p: True) -> list[int]:
        return [p.offset for p in self.published if keep(p)]


@pytest.fixture(scope="module")
def dataset() -> Iterator[Dataset]:
    """One stream for the read-only tests (a stream is never consumed away)."""
    with fresh_vhost() as url:
        messages, published = dataset_messages()
        with ThreadPoolExecutor(1) as thread:  # its own event loop, apart from the tests'
            thread.submit(asyncio.run, publish(url, messages)).result()
        yield Dataset(url, published)


async def replay(url: str, start="first", **reader_options) -> tuple[list[AuditRecord], object]:
    async with AuditStreamReader(url, **reader_options) as reader:
        records = [record async for record in reader.records(start)]
        return records, reader.stats


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "asn_audit.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line]


# ------------------------------------------------------------------------------------------------
# the reader
# ------------------------------------------------------------------------------------------------


async def test_replay_from_first_reproduces_every_published_event_in_order(dataset):
    records, stats = await replay(dataset.url)
    assert [r.offset for r in records] == dataset.offsets() == list(range(len(records)))
    for record, sent in zip(records, dataset.published, strict=True):
        assert record.routing_key == sent.routing_key
        assert record.user_id == "guest"
        if sent.event is not None:
            assert record.event == sent.event
            assert record.message_id == sent.event.id
            assert record.mode == sent.mode
    structured = [r for r in records if r.mode == "structured"]
    assert all(r.content_type == STRUCTURED_CONTENT_TYPE and r.timestamp for r in structured)
    assert stats.stopped_by == "end" and stats.end_offset == len(records) - 1


async def test_replay_from_an_offset(dataset):
    records, stats = await replay(dataset.url, start=7)
    assert [r.offset for r in records] == dataset.offsets()[7:]
    assert records[0].event == dataset.published[7].event
    assert stats.gap is None


async def test_replay_from_a_point_in_time_starts_with_what_was_published_then():
    with fresh_vhost() as url:
        before = [submitted("2026-Q1") for _ in range(3)]
        after = [submitted("2026-Q2") for _ in range(3)]
        await publish_events(url, before)
        await asyncio.sleep(1.5)  # the broker resolves a time to whole seconds, by chunk
        moment = datetime.now(UTC)
        await publish_events(url, after)
        records, _ = await replay(url, start=moment)
    assert [r.event.id for r in records] == [e.id for e, _ in after]
    assert [r.offset for r in records] == [3, 4, 5]


async def test_binary_mode_message_is_parsed(dataset):
    (sent,) = [p for p in dataset.published if p.mode == "binary"]
    records, _ = await replay(dataset.url, start=sent.offset)
    record = records[0]
    assert record.mode == "binary" and record.error is None
    assert record.event.id == sent.event.id and record.event.data == sent.event.data
    assert record.to_export()["event"]["data"]["period"] == "2026"


async def test_a_message_that_is_not_a_cloudevent_is_acked_reported_and_the_replay_goes_on(
    dataset, monkeypatch
):
    refusals: list[str] = []
    for name in ("nack", "reject"):  # a nack or reject on a stream would close the connection

        async def refuse(self, *args, _name=name, **kwargs):
            refusals.append(_name)

        monkeypatch.setattr(aio_pika.IncomingMessage, name, refuse)
    (garbage,) = [p for p in dataset.published if p.mode == "garbage"]
    async with AuditStreamReader(dataset.url) as reader:
        records = [r async for r in reader.records()]
        bad = records[garbage.offset]
        assert bad.event is None and "not JSON" in bad.error and bad.body == GARBAGE
        assert records[-1].offset == dataset.offsets()[-1]  # the events after it were read too
        assert not reader.connection.is_closed
        again = [r.offset async for r in reader.records(garbage.offset)]  # same connection
    assert again == dataset.offsets()[garbage.offset :]
    assert refusals == []


async def test_a_replay_stops_at_the_end_of_the_stream_as_of_its_start():
    with fresh_vhost() as url:
        await publish_events(url, [submitted("2026") for _ in range(5)])
        async with AuditStreamReader(url) as reader:
            end = await reader.find_end()
            await publish_events(url, [submitted("2026") for _ in range(5)])
            records = [r.offset async for r in reader.records(end=end)]
            assert records == [0, 1, 2, 3, 4]

            # and while events keep arriving, a replay still ends
            async def keep_publishing() -> None:
                for _ in range(20):
                    await publish_events(url, [submitted("2026") for _ in range(20)])

            publishing = asyncio.create_task(keep_publishing())
            await asyncio.sleep(0.2)
            records = [r.offset async for r in reader.records()]
            stats = reader.stats
            await publishing
        assert stats.stopped_by == "end" and records[-1] == stats.end_offset
        assert records == list(range(stats.end_offset + 1))
        assert stats.end_offset < 10 + 400 - 1  # not everything published meanwhile


async def test_a_queue_that_is_not_a_stream_is_refused_and_left_untouched(dataset):
    name = f"classic-{uuid.uuid4().hex[:6]}"
    connection = await aio_pika.connect(dataset.url)
    async with connection:
        channel = await connection.channel()
        queue = await channel.declare_queue(name, auto_delete=False)
        await channel.default_exchange.publish(aio_pika.Message(b"keep me"), routing_key=name)
        result = cli("replay", "--amqp-url", dataset.url, "--stream", name)
        assert result.returncode == 2, result.stderr
        assert "is not a stream" in result.stderr
        await asyncio.sleep(0.2)
        message = await queue.get(fail=False, no_ack=True)
        assert message is not None and message.body == b"keep me"
        await queue.delete()


# ------------------------------------------------------------------------------------------------
# filters and output (the command line)
# ------------------------------------------------------------------------------------------------


def _period(p: Published) -> str:
    return (p.event.data or {}).get("period", "") if p.event else ""


KOTABUMI_NIP = "198703122010011004"
FILTERS = [
    (
        ["--type", "AssessmentSubmitted"],
        lambda p: p.event and p.event.type == "AssessmentSubmitted",
    ),
    (["--type", "performance.rated.v1"], lambda p: p.routing_key == "performance.rated.v1"),
    (
        ["--type", "CoachingStarted", "--type", "SanctionImposed"],
        lambda p: p.event and p.event.type in ("CoachingStarted", "SanctionImposed"),
    ),
    (["--source", OTHER_SOURCE], lambda p: p.event and p.event.source == OTHER_SOURCE),
    (["--source", "/agencies/*"], lambda p: p.event and p.event.source.startswith("/agencies/")),
    (["--subject", KOTABUMI_NIP], lambda p: p.event and p.event.subject == KOTABUMI_NIP),
    (["--period", "2026"], lambda p: _period(p).startswith("2026")),
    (["--period", "2026-Q3"], lambda p: _period(p) in ("2026-Q3", "2026-07", "2026-08", "2026-09")),
    (["--period", "2025"], lambda p: _period(p).startswith("2025")),
    (
        ["--since", "2026-10-05T09:30:00+07:00", "--until", "2026-10-05T09:30:03+07:00"],
        lambda p: (
            p.event
            and "2026-10-05T02:30:00Z"
            <= p.event.time.astimezone(UTC).strftime("%FT%TZ")
            < "2026-10-05T02:30:03Z"
        ),
    ),
    (
        ["--type", "AssessmentSubmitted", "--source", "/agencies/*", "--period", "2026"],
        lambda p: (
            p.event
            and p.event.type == "AssessmentSubmitted"
            and p.event.source.startswith("/agencies/")
            and _period(p).startswith("2026")
        ),
    ),
]


@pytest.mark.parametrize(("args", "keep"), FILTERS, ids=[" ".join(args) for args, _ in FILTERS])
def test_filters_by_type_source_subject_period_and_time(dataset, args, keep):
    result = cli("replay", "--amqp-url", dataset.url, *args)
    assert result.returncode == 0, result.stderr
    exported = jsonl(result.stdout)
    expected = dataset.offsets(keep)
    assert expected, "the dataset should have events for every filter"
    assert [line["offset"] for line in exported] == expected
    assert f"exported {len(expected)}" in result.stderr


def test_table_output_for_people(dataset):
    result = cli("replay", "--amqp-url", dataset.url, "--format", "table", "--source", OTHER_SOURCE)
    assert result.returncode == 0, result.stderr
    for sent in dataset.published:
        if sent.event and sent.event.source == OTHER_SOURCE:
            assert f"│ {sent.offset:>6} │" in result.stdout
    assert "AssessmentSubmitted" in result.stdout and "source" in result.stdout


CASE_NIP = "199005232015032001"  # the ASN the catalog's discipline examples are about
EXAMINER = "197806142003121003"
HEAD = "196805121990031002"


def case_step(name: str, actor: str | None) -> tuple[CloudEvent, str]:
    """A catalog example as a fresh event, with the `actor` extension an HTTP command stamps."""
    example = json.loads((EXAMPLES / f"{name}.json").read_text())
    model = event_model(example["type"])
    data = model.model_validate(example["data"])
    extensions = {"actor": actor} if actor else None
    return new_event(data, source=example["source"], extensions=extensions), model.routing_key()


async def test_the_actor_filter_and_column_show_who_did_each_step_of_a_case():
    """A discipline case's steps as officials command them over HTTP (each with its `actor`),
    one in binary mode (`ce-actor`), among events that have none; `--actor` through the CLI."""
    opened = case_step("disciplinary.case.opened.v1", EXAMINER)
    hearing = case_step("hearing.scheduled.v1", HEAD)
    decision = case_step("sanction.imposed.v1", HEAD)
    agency = submitted("2026")  # an agency's event: no actor
    unattributed = case_step("sanction.imposed.v1", None)
    messages = [
        (structured_message(opened[0]), opened[1]),
        (binary_message(hearing[0]), hearing[1]),
        (structured_message(agency[0]), agency[1]),
        (aio_pika.Message(GARBAGE, user_id="guest"), "assessment.submitted.v1"),
        (structured_message(decision[0]), decision[1]),
        (structured_message(unattributed[0]), unattributed[1]),
    ]
    with fresh_vhost() as url:
        await publish(url, messages)
        by_head = cli("replay", "--amqp-url", url, "--actor", HEAD)
        both = cli("replay", "--amqp-url", url, "--actor", HEAD, "--actor", EXAMINER)
        decided = cli(
            "replay", "--amqp-url", url, "--actor", HEAD, "--actor", EXAMINER,
            "--type", "SanctionImposed",
        )  # fmt: skip
        nobody = cli("replay", "--amqp-url", url, "--actor", CASE_NIP)  # the subject, no actor
        table = cli("replay", "--amqp-url", url, "--format", "table", "--subject", CASE_NIP)
    for result in (by_head, both, decided, nobody, table):
        assert result.returncode == 0, result.stderr

    lines = jsonl(by_head.stdout)
    assert [line["offset"] for line in lines] == [1, 4]
    assert [line["event"]["id"] for line in lines] == [hearing[0].id, decision[0].id]
    assert [line["mode"] for line in lines] == ["binary", "structured"]
    assert all(line["event"]["actor"] == HEAD for line in lines)  # the export carries it
    assert "exported 2" in by_head.stderr
    assert [line["offset"] for line in jsonl(both.stdout)] == [0, 1, 4]
    assert [line["offset"] for line in jsonl(decided.stdout)] == [4]
    assert nobody.stdout == "" and "exported 0" in nobody.stderr

    rows = {
        int(cells[0]): cells
        for line in table.stdout.splitlines()
        if line.startswith("│") and (cells := [c.strip() for c in line.split("│")[1:-1]])[0]
    }
    header = next(line for line in table.stdout.splitlines() if "offset" in line)
    assert [c.strip() for c in header.split("┃")[1:-1]][-2:] == ["subject", "actor"]
    assert sorted(rows) == [0, 1, 4, 5]
    assert [rows[o][2] for o in (0, 1, 4, 5)] == [
        "DisciplinaryCaseOpened",
        "HearingScheduled",
        "SanctionImposed",
        "SanctionImposed",
    ]
    assert [rows[o][-1] for o in (0, 1, 4, 5)] == [EXAMINER, HEAD, HEAD, ""]


# ------------------------------------------------------------------------------------------------
# resume
# ------------------------------------------------------------------------------------------------


async def test_resume_continues_exactly_after_the_stored_offset(tmp_path: Path):
    resume_file = tmp_path / "audit.offset"
    with fresh_vhost() as url:
        first_batch = [submitted("2026") for _ in range(10)]
        await publish_events(url, first_batch)

        async def run(name: str, **options) -> list[dict]:
            output = tmp_path / f"{name}.jsonl"
            await run_replay(
                ReplayOptions(amqp_url=url, output=output, resume_file=resume_file, **options),
                warn=lambda _: None,
            )
            return jsonl(output.read_text())

        part1 = await run("part1", limit=4)
        assert json.loads(resume_file.read_text())["last_offset"] == 3
        part2 = await run("part2", start="first")  # --from is ignored once the file exists
        part3 = await run("part3")  # nothing new
        second_batch = [submitted("2027") for _ in range(5)]
        await publish_events(url, second_batch)
        part4 = await run("part4", checkpoint_every=2)

    offsets = [line["offset"] for part in (part1, part2, part3, part4) for line in part]
    assert offsets == list(range(15))  # no duplicates, no gaps
    assert [len(p) for p in (part1, part2, part3, part4)] == [4, 6, 0, 5]
    ids = [line["event"]["id"] for part in (part1, part2, part4) for line in part]
    assert ids == [e.id for e, _ in first_batch + second_batch]
    assert json.loads(resume_file.read_text())["last_offset"] == 14


async def test_an_interrupted_replay_leaves_a_valid_export_and_an_exact_resume_point(
    dataset, tmp_path: Path, monkeypatch
):
    resume_file = tmp_path / "audit.offset"
    written = 0
    original_write = JsonlExport.write

    def write_then_interrupt(self, record):
        nonlocal written
        original_write(self, record)
        written += 1
        if written == 5:
            replaying.cancel()  # as Ctrl-C or SIGTERM do

    monkeypatch.setattr(JsonlExport, "write", write_then_interrupt)
    first = tmp_path / "first.jsonl"
    options = ReplayOptions(amqp_url=dataset.url, output=first, resume_file=resume_file)
    replaying = asyncio.create_task(run_replay(options, warn=lambda _: None))
    with pytest.raises(asyncio.CancelledError):
        await replaying
    monkeypatch.undo()

    lines = jsonl(first.read_text())
    assert 5 <= len(lines) < len(dataset.published)
    assert json.loads(resume_file.read_text())["last_offset"] == lines[-1]["offset"]
    assert verify_export(first).valid  # closed with its head file despite the interruption

    rest = tmp_path / "rest.jsonl"
    options = ReplayOptions(amqp_url=dataset.url, output=rest, resume_file=resume_file)
    await run_replay(options, warn=lambda _: None)
    offsets = [line["offset"] for line in lines + jsonl(rest.read_text())]
    assert offsets == dataset.offsets()


def force_close_connections(vhost_amqp_url: str) -> int:
    """Make the broker close the asn-audit connections of a vhost (as a broker restart would)."""
    vhost = urllib.parse.unquote(urllib.parse.urlsplit(vhost_amqp_url).path[1:])
    listing = subprocess.run(
        [
            "rabbitmqctl",
            "list_connections",
            "-q",
            "--no-table-headers",
            "pid",
            "vhost",
            "client_properties",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    pids = [
        line.split("\t")[0]
        for line in listing.splitlines()
        if line.split("\t")[1:2] == [vhost] and "asn-audit" in line
    ]
    for pid in pids:
        subprocess.run(
            ["rabbitmqctl", "close_connection", pid, "test: connection lost"],
            capture_output=True,
            check=True,
            timeout=60,
        )
    return len(pids)


async def test_a_lost_connection_stops_the_replay_with_a_valid_export_and_resume_point(
    tmp_path: Path, monkeypatch
):
    resume_file = tmp_path / "audit.offset"
    with fresh_vhost() as url:
        await publish_events(url, [submitted("2026") for _ in range(60)])
        written = 0
        original_write = JsonlExport.write

        def write_then_lose_the_connection(self, record):
            nonlocal written
            original_write(self, record)
            written += 1
            if written == 5:  # blocks the loop meanwhile: the replay cannot finish first
                assert force_close_connections(url) == 1

        monkeypatch.setattr(JsonlExport, "write", write_then_lose_the_connection)
        first = tmp_path / "first.jsonl"
        options = ReplayOptions(amqp_url=url, output=first, resume_file=resume_file, prefetch=10)
        with pytest.raises(AuditError, match="the broker closed the channel"):
            await run_replay(options, warn=lambda _: None)
        monkeypatch.undo()

        lines = jsonl(first.read_text())
        assert 5 <= len(lines) < 60
        assert json.loads(resume_file.read_text())["last_offset"] == lines[-1]["offset"]
        assert verify_export(first).valid
        rest = tmp_path / "rest.jsonl"
        options = ReplayOptions(amqp_url=url, output=rest, resume_file=resume_file)
        await run_replay(options, warn=lambda _: None)
    offsets = [line["offset"] for line in lines + jsonl(rest.read_text())]
    assert offsets == list(range(60))


def test_resume_counts_events_a_filter_skipped_as_processed(dataset, tmp_path: Path):
    resume_file = tmp_path / "audit.offset"
    args = ["replay", "--amqp-url", dataset.url, "--resume-file", str(resume_file)]
    first = cli(*args, "--type", "PerformanceRated")
    assert first.returncode == 0, first.stderr
    assert json.loads(resume_file.read_text())["last_offset"] == dataset.offsets()[-1]
    again = cli(*args)
    assert again.returncode == 0 and again.stdout == ""
    assert "read 0 messages" in again.stderr


# ------------------------------------------------------------------------------------------------
# export integrity
# ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def export(dataset, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "audit.jsonl"
    result = cli("replay", "--amqp-url", dataset.url, "--output", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_export_then_verify_passes(dataset, export):
    lines = jsonl(export.read_text())
    assert [line["offset"] for line in lines] == dataset.offsets()
    head = json.loads(Path(f"{export}.head.json").read_text())
    assert head["count"] == len(lines) and head["head"] == lines[-1]["hash"]
    assert (head["first_offset"], head["last_offset"]) == (0, dataset.offsets()[-1])
    result = cli("verify", str(export))
    assert result.returncode == 0, result.stderr
    assert f"valid: {len(lines)} events" in result.stdout


def _swap(lines: list[str]) -> list[str]:
    return [lines[0], lines[2], lines[1], *lines[3:]]


def _edit(lines: list[str]) -> list[str]:
    return [lines[0], lines[1].replace('"guest"', '"intruder"', 1), *lines[2:]]


# (case, mutation, what verify says, whether the chain alone finds it without the head file)
TAMPERING = [
    ("removed", lambda lines: lines[:4] + lines[5:], "line 5: prev_hash does not match", True),
    ("swapped", _swap, "line 2: prev_hash does not match", True),
    ("edited", _edit, "line 2: the hash does not match", True),
    ("last dropped", lambda lines: lines[:-1], "lines were removed from the end", False),
    ("appended", lambda lines: [*lines, lines[3]], "prev_hash does not match", True),
]


@pytest.mark.parametrize(
    ("mutate", "message", "chain_alone_finds_it"),
    [t[1:] for t in TAMPERING],
    ids=[t[0] for t in TAMPERING],
)
def test_verify_detects_tampering(export, tmp_path: Path, mutate, message, chain_alone_finds_it):
    tampered = tmp_path / "tampered.jsonl"
    lines = export.read_text().splitlines()
    tampered.write_text("\n".join(mutate(lines)) + "\n")
    shutil.copy(f"{export}.head.json", f"{tampered}.head.json")
    result = cli("verify", str(tampered))
    assert result.returncode == 1
    assert "TAMPERED" in result.stderr and message in result.stderr
    chain_only = cli("verify", str(tampered), "--no-head")
    assert chain_only.returncode == (1 if chain_alone_finds_it else 0)


# ------------------------------------------------------------------------------------------------
# errors: one line, exit code 2
# ------------------------------------------------------------------------------------------------


def _errors(dataset: Dataset) -> list[tuple[list[str], str]]:
    base = AMQP_BASE.rstrip("/")
    return [
        (["--amqp-url", "not-a-url"], "invalid AMQP URL"),
        (["--amqp-url", "amqp://guest:guest@127.0.0.1:1/"], "cannot connect"),
        (["--amqp-url", f"{base}/asn-test-no-such-vhost"], "refused vhost"),
        (["--amqp-url", dataset.url, "--stream", "no.such.stream"], "no stream 'no.such.stream'"),
        (["--amqp-url", dataset.url, "--from", "kemarin"], "--from 'kemarin'"),
        (["--amqp-url", dataset.url, "--period", "2026-Q5"], "--period"),
    ]


@pytest.mark.parametrize(
    "case",
    range(6),
    ids=["bad url", "unreachable", "no vhost", "no stream", "bad --from", "period"],
)
def test_errors_are_one_clear_line_with_exit_code_2(dataset, case):
    args, message = _errors(dataset)[case]
    started = time.monotonic()
    result = cli("replay", *args)
    assert result.returncode == 2
    assert result.stderr.startswith("asn-audit: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert time.monotonic() - started < 30
