"""The hash chain that makes an export tamper-evident (pure functions, no I/O).

Each exported line is a JSON object with two more fields:

    prev_hash = the previous line's `hash` (GENESIS for the first line)
    hash      = SHA-256( prev_hash + canonical JSON of the object without prev_hash/hash )

as lowercase hex; canonical JSON has sorted keys, no whitespace (separators "," and ":") and is
UTF-8 (non-ASCII characters unescaped). A line is written as exactly those canonical bytes with
`prev_hash` and `hash` appended; a verifier parses the line, so its layout does not matter.
The head (the last line's hash, the line count, the first and last stream offsets) goes into a
sidecar file, `<export>.head.json`.

Verifying recomputes every link. An altered line breaks its own hash; a removed, inserted or
reordered line breaks the next line's prev_hash; only the head tells that lines were cut off the
end (or a well-formed line appended), which is why `verify` wants the head file. Keep a copy of the
head hash apart from the export (a ticket, an e-mail, a signed record): whoever can rewrite both
files can recompute the whole chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

GENESIS = "0" * 64
FORMAT = "asn-audit-export/1"
ALGORITHM = "sha256"
HASH_FIELDS = ("prev_hash", "hash")


def canonical_json(obj: Any) -> bytes:
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def link_hash(prev_hash: str, record: Mapping[str, Any]) -> str:
    content = {k: v for k, v in record.items() if k not in HASH_FIELDS}
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_json(content)).hexdigest()


@dataclass
class ChainHead:
    """What the sidecar `<export>.head.json` records about a finished export."""

    head: str = GENESIS
    count: int = 0
    first_offset: int | None = None
    last_offset: int | None = None
    created_at: str | None = None
    stream: str | None = None
    format: str = FORMAT
    algorithm: str = ALGORITHM
    genesis: str = GENESIS
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        data = asdict(self)
        data.update(data.pop("extra"))
        return json.dumps(data, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ChainHead:
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("head"), str):
            raise ValueError("not a head file (no 'head' hash)")
        known = {name: data.pop(name) for name in list(data) if name in cls.__dataclass_fields__}
        known.pop("extra", None)
        return cls(**known, extra=data)


class ChainWriter:
    """Links records in order: `line(record)` returns the JSON line to write."""

    def __init__(self) -> None:
        self.head = ChainHead()

    def line(self, record: Mapping[str, Any]) -> str:
        """The record as one JSON line: its canonical JSON with prev_hash and hash added last."""
        content = {k: v for k, v in record.items() if k not in HASH_FIELDS}
        if not content:
            raise ValueError("an export line needs some content")
        encoded = canonical_json(content)
        prev_hash = self.head.head
        digest = hashlib.sha256(prev_hash.encode("ascii") + encoded).hexdigest()
        self.head.head = digest
        self.head.count += 1
        offset = content.get("offset")
        if isinstance(offset, int):
            if self.head.first_offset is None:
                self.head.first_offset = offset
            self.head.last_offset = offset
        # The same bytes that were hashed, so the line needs no second serialisation.
        tail = f',"prev_hash":"{prev_hash}","hash":"{digest}"}}\n'
        return encoded[:-1].decode("utf-8") + tail


@dataclass
class Verdict:
    valid: bool
    count: int  # lines that chained correctly
    head: str  # hash of the last line that chained correctly
    first_offset: int | None = None
    last_offset: int | None = None
    broken_line: int | None = None  # 1-based line where the chain first breaks
    problem: str | None = None

    @property
    def message(self) -> str:
        if self.valid:
            span = (
                f"offsets {self.first_offset}..{self.last_offset}, "
                if self.first_offset is not None
                else ""
            )
            return f"valid: {self.count} events, {span}chain head {self.head}"
        where = f"line {self.broken_line}: " if self.broken_line else ""
        return f"TAMPERED: {where}{self.problem}"


# Marks the verdict broken at a line (None: not at one line) with the problem, and returns it.
Broken = Callable[[int | None, str], Verdict]


def verify_lines(lines: Iterable[str], head: ChainHead | None = None) -> Verdict:
    """Recompute the chain over export lines; compare with `head` when given."""
    verdict = Verdict(valid=True, count=0, head=GENESIS)

    def broken(line_no: int | None, problem: str) -> Verdict:
        verdict.valid, verdict.broken_line, verdict.problem = False, line_no, problem
        return verdict

    for line_no, text in enumerate(lines, start=1):
        try:
            obj = json.loads(text)
        except ValueError:
            return broken(line_no, "not a JSON object (the line was altered or inserted)")
        if not isinstance(obj, dict) or "hash" not in obj or "prev_hash" not in obj:
            return broken(line_no, "no prev_hash/hash fields (the line was altered or inserted)")
        if obj["prev_hash"] != verdict.head:
            if line_no == 1:
                return broken(
                    1,
                    "does not start from the genesis hash (lines were removed or "
                    "inserted at the beginning)",
                )
            return broken(
                line_no,
                f"prev_hash does not match line {line_no - 1}'s hash (a line "
                "was removed, inserted or moved here)",
            )
        if link_hash(verdict.head, obj) != obj["hash"]:
            return broken(
                line_no, "the hash does not match the line's content (the line was altered)"
            )
        verdict.head = obj["hash"]
        verdict.count += 1
        offset = obj.get("offset")
        if isinstance(offset, int):
            if verdict.first_offset is None:
                verdict.first_offset = offset
            verdict.last_offset = offset
    if head is None:
        return verdict
    return _compare_head(verdict, head, broken)


def _compare_head(verdict: Verdict, head: ChainHead, broken: Broken) -> Verdict:
    if head.genesis != GENESIS or head.algorithm != ALGORITHM:
        return broken(
            None,
            f"the head file uses genesis/algorithm {head.genesis[:12]}.../"
            f"{head.algorithm}, not this format's",
        )
    if verdict.count < head.count:
        return broken(
            verdict.count + 1,
            f"missing: the export has {verdict.count} lines but "
            f"its head file records {head.count} (lines were removed from the end)",
        )
    if verdict.count > head.count:
        return broken(
            head.count + 1,
            f"the export has {verdict.count} lines but its head file "
            f"records {head.count} (lines were appended after line {head.count})",
        )
    if verdict.head != head.head:
        return broken(
            None,
            "the chain head differs from the head file's (the export or the "
            "head file was rewritten)",
        )
    if (verdict.first_offset, verdict.last_offset) != (head.first_offset, head.last_offset):
        return broken(None, "the first/last offsets differ from the head file's")
    return verdict
