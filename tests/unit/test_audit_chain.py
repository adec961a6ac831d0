"""The export hash chain (asn_audit.domain.chain): every kind of tampering, table-driven."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from asn_audit.adapters.export import JsonlExport, head_path
from asn_audit.domain.chain import (
    GENESIS,
    ChainHead,
    ChainWriter,
    canonical_json,
    link_hash,
    verify_lines,
)
from asn_audit.usecases.verify import verify_export
from asn_shared.audit_stream.records import AuditRecord

N = 6


def chained(n: int = N) -> tuple[list[str], ChainHead]:
    writer = ChainWriter()
    lines = [
        writer.line(
            {
                "offset": 10 + i,
                "routing_key": "assessment.submitted.v1",
                "event": {"id": f"e{i}", "data": {"nama": "Siti Aminah", "nilai": i}},
            }
        ).rstrip("\n")
        for i in range(n)
    ]
    return lines, writer.head


def relinked(lines: list[str]) -> list[str]:
    """The lines' content chained afresh: what someone who rewrites the whole file produces."""
    writer = ChainWriter()
    return [writer.line(json.loads(line)).rstrip("\n") for line in lines]


def edit(index: int, change: Callable[[dict], None]) -> Callable[[list[str]], list[str]]:
    def mutate(lines: list[str]) -> list[str]:
        obj = json.loads(lines[index])
        change(obj)
        return [*lines[:index], json.dumps(obj), *lines[index + 1 :]]

    return mutate


def forged_append(lines: list[str]) -> list[str]:
    last = json.loads(lines[-1])
    extra = {"offset": 99, "routing_key": "x", "event": {"id": "forged"}}
    extra["prev_hash"] = last["hash"]
    extra["hash"] = link_hash(last["hash"], extra)
    return [*lines, json.dumps(extra)]


# (case, mutation, first broken line with the head file, ... without it). None: valid; HEAD:
# every link holds and only the head file shows the export is not the one it describes.
HEAD = "head"
CASES = [
    ("untouched", lambda lines: lines, None, None),
    ("first line removed", lambda lines: lines[1:], 1, 1),
    ("middle line removed", lambda lines: lines[:2] + lines[3:], 3, 3),
    ("last line removed", lambda lines: lines[:-1], N, None),
    ("last two lines removed", lambda lines: lines[:-2], N - 1, None),
    ("all lines removed", lambda lines: [], 1, None),
    ("two lines swapped", lambda lines: [lines[0], lines[2], lines[1], *lines[3:]], 2, 2),
    ("last line moved to the front", lambda lines: [lines[-1], *lines[:-1]], 1, 1),
    ("line duplicated", lambda lines: [*lines[:3], lines[2], *lines[3:]], 4, 4),
    ("event data edited", edit(3, lambda o: o["event"]["data"].update(nilai=100)), 4, 4),
    ("offset edited", edit(1, lambda o: o.update(offset=0)), 2, 2),
    ("field added", edit(4, lambda o: o.update(note="ok")), 5, 5),
    ("hash replaced", edit(2, lambda o: o.update(hash="f" * 64)), 3, 3),
    ("garbage appended", lambda lines: [*lines, "{not json"], N + 1, N + 1),
    ("well-formed line appended", forged_append, N + 1, None),
    ("blank line inserted", lambda lines: [*lines[:2], "", *lines[2:]], 3, 3),
    (
        "whole file re-chained after an edit",
        lambda ls: relinked(edit(0, lambda o: o["event"].update(id="forged"))(ls)),
        HEAD,
        None,
    ),
    # Formatting is not content: key order and whitespace do not matter, the canonical form does.
    (
        "keys reordered and spaced",
        lambda lines: [
            json.dumps(dict(reversed(json.loads(x).items())), indent=1).replace("\n", "")
            for x in lines
        ],
        None,
        None,
    ),
]


@pytest.mark.parametrize(
    ("mutation", "broken_with_head", "broken_without_head"),
    [pytest.param(m, w, wo, id=case) for case, m, w, wo in CASES],
)
def test_tampering_is_found_at_the_first_broken_line(
    mutation, broken_with_head, broken_without_head
):
    lines, head = chained()
    tampered = mutation(list(lines))

    without = verify_lines(tampered)
    assert without.broken_line == broken_without_head
    assert without.valid is (broken_without_head is None)

    with_head = verify_lines(tampered, head)
    if broken_with_head == HEAD:
        assert not with_head.valid and with_head.broken_line is None
        assert "chain head differs" in with_head.message
        return
    assert with_head.broken_line == broken_with_head
    assert with_head.valid is (broken_with_head is None)
    if not with_head.valid:
        assert with_head.message.startswith(f"TAMPERED: line {broken_with_head}: ")


def test_the_hash_is_sha256_over_the_previous_hash_and_the_canonical_json():
    record = {"b": [1, "é"], "a": {"z": None, "y": True}}
    expected_json = '{"a":{"y":true,"z":null},"b":[1,"é"]}'
    assert canonical_json(record) == expected_json.encode("utf-8")
    expected = hashlib.sha256((GENESIS + expected_json).encode("utf-8")).hexdigest()
    assert link_hash(GENESIS, record) == expected
    # the hash fields themselves are never part of what is hashed
    assert link_hash(GENESIS, {**record, "prev_hash": "x", "hash": "y"}) == expected


def test_the_chain_starts_from_the_fixed_genesis_and_the_head_tracks_it():
    lines, head = chained(3)
    objects = [json.loads(line) for line in lines]
    assert GENESIS == "0" * 64
    assert objects[0]["prev_hash"] == GENESIS
    assert [o["prev_hash"] for o in objects[1:]] == [o["hash"] for o in objects[:-1]]
    assert (head.head, head.count, head.first_offset, head.last_offset) == (
        objects[-1]["hash"],
        3,
        10,
        12,
    )
    empty = verify_lines([], ChainHead())
    assert empty.valid and empty.count == 0 and empty.head == GENESIS


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda h: setattr(h, "first_offset", 11), "first/last offsets differ"),
        (lambda h: setattr(h, "genesis", "1" * 64), "genesis"),
        (lambda h: setattr(h, "head", "a" * 64), "chain head differs"),
    ],
    ids=["offsets", "genesis", "head hash"],
)
def test_a_head_file_that_does_not_fit_the_export_is_reported(change, problem):
    lines, head = chained()
    change(head)
    verdict = verify_lines(lines, head)
    assert not verdict.valid and problem in verdict.message


def test_the_head_file_round_trips_with_extra_fields():
    _, head = chained()
    head.stream, head.created_at, head.extra["export"] = (
        "asn.audit",
        "2026-10-05T00:00:00Z",
        "a.jsonl",
    )
    again = ChainHead.from_json(head.to_json())
    assert again == head


def record(offset: int, *, parsed: bool = True) -> AuditRecord:
    event = (
        {"specversion": "1.0", "id": f"e{offset}", "type": "T", "source": "/s"} if parsed else None
    )
    return AuditRecord(
        offset=offset,
        routing_key="t.v1",
        body=b"{not json",
        event_json=event,
        error=None if parsed else "event is not JSON",
    )


def test_a_file_export_writes_lines_and_a_head_sidecar_that_verify(tmp_path: Path):
    path = tmp_path / "audit.jsonl"
    export = JsonlExport.open(path, stream="asn.audit")
    for offset in (4, 5, 6):
        export.write(record(offset, parsed=offset != 5))
    head = export.close()
    assert head_path(path) == tmp_path / "audit.jsonl.head.json"
    stored = ChainHead.from_json(head_path(path).read_text())
    assert (stored.count, stored.first_offset, stored.last_offset) == (3, 4, 6)
    assert stored.head == head.head and stored.extra["export"] == "audit.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[1])["error"] == "event is not JSON"
    assert json.loads(lines[1])["body_base64"] == "e25vdCBqc29u"
    assert verify_export(path).valid

    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    assert not verify_export(path).valid
    assert verify_export(path, require_head=False).valid  # the chain alone cannot see it
    head_path(path).unlink()
    missing = verify_export(path)
    assert not missing.valid and "no head file" in missing.message
