"""Mail text from the Jinja2 templates in `templates/`: one file per template name.

Each file has a `subject` block and a `body` block. Plain text, so autoescape is off; the subject
becomes a header, so it is flattened to one clean line (untrusted names and ids flow into it).
StrictUndefined makes a missing value an error at record time rather than a blank in a mail.

The context of a template about a person is `role` (whom the text addresses, one of the
template's roles in domain/templates.py), `data` (the event's model), `asn` (the profile of the
ASN the event is about, or None), `supervisor` (that ASN's supervisor's profile, or None) and
`recipient_name` (None: the greeting is a plain "Bapak/Ibu"). The daily digest
`ringkasan_harian` gets `role`, `recipient_name`, `day` and `entries` (each with `subject`,
`created_at` and `template`). A role a template does not address is an error, like a missing
value: it would get another's text.

Times are shown in the renderer's zone (`tanggal`, `hari`, `pukul`); a naive datetime is taken as
already local, so pass database timestamps (naive UTC on SQLite) through `as_utc` first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..domain import wording
from ..domain import wording_discipline as discipline
from ..domain.templates import TEMPLATE_ROLES
from ..domain.text import header_text


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
            pendekatan=lambda v: wording.label(wording.PENDEKATAN, v),
            keputusan_keberatan=lambda v: wording.label(wording.KEPUTUSAN_KEBERATAN, v),
            jenis_mutasi=lambda v: wording.label(wording.JENIS_MUTASI, v),
            tenggat_pengaduan=lambda v: wording.label(wording.TENGGAT_PENGADUAN, v),
            sanksi_pelayanan=lambda v: wording.SANKSI_PELAYANAN.get(v, ""),
            tingkat_hukuman=lambda v: wording.label(discipline.TINGKAT_HUKUMAN, v),
            jenis_hukuman=lambda v: wording.label(discipline.JENIS_HUKUMAN, v),
            upaya_administratif=lambda v: wording.label(discipline.UPAYA_ADMINISTRATIF, v),
            keputusan_upaya=lambda v: wording.label(discipline.KEPUTUSAN_UPAYA, v),
            mode_pemeriksaan=lambda v: wording.label(discipline.MODE_PEMERIKSAAN, v),
            asal_kasus=lambda v: wording.label(discipline.ASAL_KASUS, v),
            panggilan=discipline.panggilan,
            periode=wording.period,
            tanggal=self._tanggal,
            hari=self._hari,
            pukul=lambda v: wording.pukul(v, self._zone),
        )

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    def _tanggal(self, value: date | datetime) -> str:
        if isinstance(value, datetime):
            value = wording.local_date(value, self._zone)
        return wording.tanggal(value)

    def _hari(self, value: date | datetime) -> str:
        if isinstance(value, datetime):
            value = wording.local_date(value, self._zone)
        return wording.hari(value)

    def render(self, template: str, **context: object) -> RenderedMail:
        if template not in TEMPLATE_ROLES:
            raise ValueError(f"unknown mail template {template!r}")
        if context.get("role") not in TEMPLATE_ROLES[template]:
            raise ValueError(f"mail template {template!r} does not address {context.get('role')!r}")
        compiled = self._env.get_template(f"{template}.txt")
        ctx = compiled.new_context(context)
        subject = "".join(compiled.blocks["subject"](ctx))
        body = "".join(compiled.blocks["body"](ctx))
        return RenderedMail(subject=header_text(subject), body=body.strip() + "\n")
