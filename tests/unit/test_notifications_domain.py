"""Notifications: recipient resolution, Indonesian wording and the mail templates (no I/O)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from asn_notifications.adapters.rendering import MailRenderer
from asn_notifications.domain import delivery, recipients, wording
from asn_notifications.domain.text import header_text, scrub
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.catalog.notifications_events import RecipientRole
from asn_shared.catalog.sanctions_events import CoachingStarted, RewardGranted

ASN_NIP = "198703122010011004"
SUP_NIP = "197501012000031002"

ASN = recipients.Person(
    ASN_NIP,
    "Siti Rahma",
    "siti@dinkes.go.id",
    SUP_NIP,
    "dinkes",
    "Dinas Kesehatan",
    "Pranata Komputer",
)
SUP = recipients.Person(
    SUP_NIP, "Budi Santoso", "budi@dinkes.go.id", None, "dinkes", "Dinas Kesehatan", "Kepala Bidang"
)


@pytest.fixture(scope="module")
def renderer() -> MailRenderer:
    return MailRenderer(ZoneInfo("Asia/Jakarta"))


def rated(predikat: str = "BUTUH_PERBAIKAN", supersedes: str | None = None) -> PerformanceRated:
    return PerformanceRated(
        nip=ASN_NIP,
        period="2026-Q3",
        rating_hasil_kerja="DI_BAWAH_EKSPEKTASI",
        rating_perilaku_kerja="SESUAI_EKSPEKTASI",
        predikat=predikat,
        rated_at=datetime(2026, 10, 5, 20, 30, tzinfo=UTC),  # 6 Oktober in Jakarta
        supersedes=supersedes,
    )


# --- recipient resolution -------------------------------------------------------------------


def test_asn_resolves_to_the_profile_address() -> None:
    r = recipients.resolve_asn(ASN_NIP, ASN)
    assert (r.role, r.nip, r.address, r.resolved) == (RecipientRole.ASN, ASN_NIP, ASN.email, True)


def test_unknown_asn_is_unresolved_with_a_reason() -> None:
    r = recipients.resolve_asn(ASN_NIP, None)
    assert not r.resolved and r.nip == ASN_NIP and "no profile" in r.reason


def test_supervisor_resolves_through_the_asn_profile() -> None:
    r = recipients.resolve_supervisor(ASN_NIP, ASN, SUP)
    assert (r.role, r.nip, r.address) == (RecipientRole.SUPERVISOR, SUP_NIP, SUP.email)


@pytest.mark.parametrize(
    ("asn", "supervisor", "nip", "reason"),
    [
        (None, None, None, "no profile known for ASN"),
        (
            recipients.Person(**{**ASN.__dict__, "supervisor_nip": None}),
            None,
            None,
            "names no supervisor",
        ),
        (ASN, None, SUP_NIP, f"no profile known for supervisor {SUP_NIP}"),
    ],
)
def test_unresolvable_supervisor(asn, supervisor, nip, reason) -> None:
    r = recipients.resolve_supervisor(ASN_NIP, asn, supervisor)
    assert not r.resolved and r.nip == nip and reason in r.reason
    assert r.key == (nip or "-")


def test_complainant_needs_an_address_whatever_the_privacy() -> None:
    assert recipients.resolve_complainant(None) is None
    r = recipients.resolve_complainant("Warga@Example.org")
    assert r is not None and r.role is RecipientRole.COMPLAINANT and r.nip is None
    # The key is a hash: the address is not copied into a second column.
    assert r.key.startswith("sha256:") and "example" not in r.key
    assert r.key == recipients.resolve_complainant("warga@example.org ").key


def test_profile_order_is_by_event_time_then_id() -> None:
    t = datetime(2026, 1, 1, tzinfo=UTC)
    assert recipients.is_newer(t + timedelta(seconds=1), "a", t, "z")
    assert not recipients.is_newer(t, "z", t + timedelta(seconds=1), "a")
    assert recipients.is_newer(t, "b", t, "a") and not recipients.is_newer(t, "a", t, "a")
    # Offsets and SQLite's naive UTC compare correctly.
    jakarta = datetime(2026, 1, 1, 7, 0, 1, tzinfo=timezone(timedelta(hours=7)))
    assert recipients.is_newer(jakarta, "a", datetime(2026, 1, 1, 0, 0), "a")


def test_retry_delay_doubles_and_caps() -> None:
    assert [delivery.retry_delay(n, 30, 100) for n in (1, 2, 3, 4)] == [30, 60, 100, 100]


def test_header_text_removes_line_breaks_and_caps_length() -> None:
    assert header_text("Tanda\r\nBcc: evil@x.org") == "Tanda Bcc: evil@x.org"
    assert len(header_text("x" * 500)) == 200


def test_scrub_masks_addresses_case_insensitively() -> None:
    assert (
        scrub("550 <Warga@Example.org> unknown", "warga@example.org") == "550 <<redacted>> unknown"
    )


# --- wording --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "words"),
    [
        ("2026", "Tahun 2026"),
        ("2026-S1", "Semester I 2026"),
        ("2026-Q3", "Triwulan III 2026"),
        ("2026-07", "Juli 2026"),
    ],
)
def test_period_words(period: str, words: str) -> None:
    assert wording.period(period) == words


def test_dates_in_indonesian_and_local_time() -> None:
    assert wording.tanggal(date(2027, 3, 12)) == "12 Maret 2027"
    late_utc = datetime(2026, 10, 5, 20, 30, tzinfo=UTC)
    assert wording.local_date(late_utc, ZoneInfo("Asia/Jakarta")) == date(2026, 10, 6)


def test_every_predikat_has_words() -> None:
    assert wording.label(wording.PREDIKAT, "BUTUH_PERBAIKAN") == "Butuh Perbaikan"
    assert wording.label(wording.PREDIKAT, "KURANG_MISCONDUCT") == "Kurang/Misconduct"


# --- templates ------------------------------------------------------------------------------


def test_penilaian_kinerja_to_the_asn(renderer: MailRenderer) -> None:
    mail = renderer.render("penilaian_kinerja", role="ASN", asn=ASN, supervisor=SUP, data=rated())
    assert mail.subject == "Hasil Penilaian Kinerja Anda Periode Triwulan III 2026"
    for text in (
        "Yth. Bapak/Ibu Siti Rahma",
        "Rating Hasil Kerja     : Di Bawah Ekspektasi",
        "Rating Perilaku Kerja  : Sesuai Ekspektasi",
        "Predikat Kinerja       : Butuh Perbaikan",
        "6 Oktober 2026",
        "pembinaan kinerja",
        "Pasal 59",
    ):
        assert text in mail.body
    assert "{{" not in mail.body and "BUTUH_PERBAIKAN" not in mail.body


def test_penilaian_kinerja_to_the_supervisor(renderer: MailRenderer) -> None:
    mail = renderer.render(
        "penilaian_kinerja", role="SUPERVISOR", asn=ASN, supervisor=SUP, data=rated()
    )
    assert mail.subject == "Hasil Penilaian Kinerja Pegawai Siti Rahma Periode Triwulan III 2026"
    assert "Yth. Bapak/Ibu Budi Santoso" in mail.body
    assert f"NIP                    : {ASN_NIP}" in mail.body
    assert "mohon Bapak/Ibu melaksanakan" in mail.body and "Pasal 30" in mail.body


def test_penilaian_kinerja_sangat_baik_and_superseded(renderer: MailRenderer) -> None:
    mail = renderer.render(
        "penilaian_kinerja",
        role="SUPERVISOR",
        asn=ASN,
        supervisor=SUP,
        data=rated("SANGAT_BAIK", "old-id"),
    )
    assert "Sangat Baik" in mail.body and "penghargaan" in mail.body
    assert "menggantikan hasil penilaian sebelumnya" in mail.body


def test_pembinaan_kinerja(renderer: MailRenderer) -> None:
    data = CoachingStarted(
        case_id="PK-2026-0042",
        nip=ASN_NIP,
        period="2026-Q3",
        predikat="SANGAT_KURANG",
        coaching_type="KONSELING_KINERJA",
        started_on=date(2026, 10, 10),
        improvement_deadline=date(2027, 4, 10),
        legal_basis=["PP 30/2019 Pasal 30-33", "PP 30/2019 Pasal 58"],
    )
    to_asn = renderer.render("pembinaan_kinerja", role="ASN", asn=ASN, supervisor=SUP, data=data)
    assert to_asn.subject == "Pemberitahuan Konseling Kinerja Periode Triwulan III 2026"
    for text in (
        "Jenis pembinaan          : Konseling Kinerja",
        "Batas waktu perbaikan    : 10 April 2027",
        "Dasar hukum:",
        "  - PP 30/2019 Pasal 58",
        "bersifat rahasia",
        "Sangat Kurang",
    ):
        assert text in to_asn.body
    to_sup = renderer.render(
        "pembinaan_kinerja", role="SUPERVISOR", asn=ASN, supervisor=SUP, data=data
    )
    assert to_sup.subject.startswith("Pelaksanaan Konseling Kinerja bagi Siti Rahma")
    assert "Yth. Bapak/Ibu Budi Santoso" in to_sup.body


def test_penghargaan(renderer: MailRenderer) -> None:
    data = RewardGranted(
        reward_id="RW-1",
        nip=ASN_NIP,
        period="2026",
        predikat="SANGAT_BAIK",
        reward_type="TALENT_POOL_PRIORITY",
        granted_on=date(2027, 1, 20),
        recommendation="Masuk talent pool",
        legal_basis=["UU 20/2023 Pasal 21"],
    )
    mail = renderer.render("penghargaan", role="ASN", asn=ASN, supervisor=SUP, data=data)
    assert mail.subject == "Selamat, Anda Memperoleh Prioritas Talent Pool Periode Tahun 2026"
    assert "20 Januari 2027" in mail.body and "UU 20/2023 Pasal 21" in mail.body


def test_tanda_terima_pengaduan(renderer: MailRenderer) -> None:
    mail = renderer.render(
        "tanda_terima_pengaduan",
        role="COMPLAINANT",
        complaint_id="LAPOR-123\r\nBcc: x@y.z",
        channel="SP4N-LAPOR!",
        category="PELAYANAN",
        unit_name="Dinas Kesehatan",
        received_on=date(2026, 10, 5),
        respond_by=date(2026, 10, 19),
    )
    assert (
        mail.subject == "Tanda Terima Pengaduan Nomor LAPOR-123 Bcc: x@y.z"
    )  # one line, no header injection
    for text in (
        "TANDA TERIMA PENGADUAN",
        "Dinas Kesehatan",
        "5 Oktober 2026",
        "19 Oktober 2026",
        "Pasal 44 ayat (1)",
        "14 (empat belas) hari",
        "Pasal 44 ayat (3)",
    ):
        assert text in mail.body


def test_missing_template_value_is_an_error(renderer: MailRenderer) -> None:
    with pytest.raises(Exception, match="supervisor"):
        renderer.render("penilaian_kinerja", role="SUPERVISOR", asn=ASN, data=rated())
    with pytest.raises(ValueError):
        renderer.render("unknown", role="ASN")
