"""Mail text from the Jinja2 templates in `templates/`: one file per template name.

Each file has a `subject` block and a `body` block. Plain text, so autoescape is off; the subject
becomes a header, so it is flattened to one clean line (untrusted names and ids flow into it).
StrictUndefined makes a missing value an error at record time rather than a blank in a mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined

from . import wording
from .domain import header_text

TEMPLATES = (
    "penilaian_kinerja",
    "pembinaan_kinerja",
    "penghargaan",
    "tanda_terima_pengaduan",
    "perkembangan_pengaduan",
    "pengaduan_terbukti",
)


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    body: str


class MailRenderer:
    def __init__(self, zone: ZoneInfo) -> None:
        self._zone = zone
        self._env = Environment(
            loader=PackageLoader("asn_notifications", "templates"),
            autoescape=False,  # plain-text mails; HTML escaping would garble names like "O'Neil"
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self._env.filters.update(
            predikat=lambda v: wording.label(wording.PREDIKAT, v),
            rating=lambda v: wording.label(wording.RATING, v),
            pembinaan=lambda v: wording.label(wording.COACHING, v),
            penghargaan=lambda v: wording.label(wording.REWARD, v),
            periode=wording.period,
            tanggal=self._tanggal,
        )

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    def _tanggal(self, value: date | datetime) -> str:
        if isinstance(value, datetime):
            value = wording.local_date(value, self._zone)
        return wording.tanggal(value)

    def render(self, template: str, **context: Any) -> RenderedMail:
        if template not in TEMPLATES:
            raise ValueError(f"unknown mail template {template!r}")
        compiled = self._env.get_template(f"{template}.txt")
        ctx = compiled.new_context(context)
        subject = "".join(compiled.blocks["subject"](ctx))
        body = "".join(compiled.blocks["body"](ctx))
        return RenderedMail(subject=header_text(subject), body=body.strip() + "\n")
