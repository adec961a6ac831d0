"""The demo scenario, published the way another agency would: plain pika, CloudEvents, no project code.

Four units from the seed articles (shared/seeds/):

- Kotabumi:  Dinas Pendidikan Kotabumi (Lampung Utara), teachers of SMP Negeri 1 Kotabumi;
- Surakarta: Dinas Kependudukan dan Pencatatan Sipil Kota Surakarta, the KTP-el counter and its
             online queue app;
- Kepahiang: Dinas Kesehatan Kabupaten Kepahiang, the immunisation programme;
- Maulafa:   Kecamatan Maulafa (Kota Kupang), the PATEN service desk.

What is published, in order, to the topic exchange `asn.events` (structured-mode CloudEvents,
persistent, publisher confirms, mandatory so an unroutable event is an error):

1. `EmployeeProfileUpdated` from the national HR system for 8 ASN and their 4 supervisors;
2. `AssessmentSubmitted` for period 2026-Q3 from each ASN's SUPERVISOR, covering every predikat
   (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG_MISCONDUCT, SANGAT_KURANG), plus one SELF assessment;
3. two `ComplaintReceived`: a PUBLIK one (with an e-mail address) from Surakarta's complaint app
   about a Disdukcapil officer, and a RAHASIA one through SP4N-LAPOR! about the Maulafa service desk.

    python deploy/local/demo.py [--amqp-url amqp://guest:guest@localhost:5672/]

The services must have started once (they declare the exchange and queues). `publish_demo`
returns a `DemoSummary` of what was sent and what should follow (predikat, coaching or reward,
notifications), which `run_system.py` checks against what crosses the exchange.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

import pika
from pika.exceptions import AMQPError, ChannelClosedByBroker, UnroutableError

EXCHANGE = "asn.events"
PERIOD = "2026-Q3"
ROUTING_KEYS = {  # agency-contract.md: the event name in lower-case words + version
    "EmployeeProfileUpdated": "employee.profile.updated.v1",
    "AssessmentSubmitted": "assessment.submitted.v1",
    "ComplaintReceived": "complaint.received.v1",
}
HR_SOURCE = "/agencies/bkn-siasn"

ATAS, SESUAI, BAWAH = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
# PermenPANRB 6/2022 kuadran (domain-rules.md 1.5): (hasil kerja, perilaku kerja) -> predikat.
KUADRAN = {
    (ATAS, ATAS): "SANGAT_BAIK", (ATAS, SESUAI): "BAIK", (ATAS, BAWAH): "KURANG_MISCONDUCT",
    (SESUAI, ATAS): "BAIK", (SESUAI, SESUAI): "BAIK", (SESUAI, BAWAH): "KURANG_MISCONDUCT",
    (BAWAH, ATAS): "BUTUH_PERBAIKAN", (BAWAH, SESUAI): "BUTUH_PERBAIKAN", (BAWAH, BAWAH): "SANGAT_KURANG",
}
COACHING = {"BUTUH_PERBAIKAN", "KURANG_MISCONDUCT", "SANGAT_KURANG"}
REWARD = {"SANGAT_BAIK"}

WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")


@dataclass(frozen=True)
class Unit:
    place: str
    unit_id: str
    unit_name: str
    assessment_source: str  # the unit's e-Kinerja application
    tz: timezone


UNITS = {
    "kotabumi": Unit(
        "Kotabumi", "disdik-kotabumi", "Dinas Pendidikan Kotabumi", "/agencies/ekinerja-lampungutara", WIB,
    ),
    "surakarta": Unit(
        "Surakarta", "disdukcapil-surakarta", "Dinas Kependudukan dan Pencatatan Sipil Kota Surakarta",
        "/agencies/ekinerja-surakarta", WIB,
    ),
    "kepahiang": Unit(
        "Kepahiang", "dinkes-kepahiang", "Dinas Kesehatan Kabupaten Kepahiang",
        "/agencies/ekinerja-kepahiang", WIB,
    ),
    "maulafa": Unit(
        "Maulafa", "kec-maulafa", "Kecamatan Maulafa, Kota Kupang", "/agencies/ekinerja-kupang", WITA,
    ),
}


@dataclass(frozen=True)
class Person:
    nip: str  # 18 digits: birth date, TMT CPNS (yyyymm), sex (1/2), sequence
    name: str
    unit: str  # key of UNITS
    position: str
    position_type: str
    email: str
    phone: str | None = None
    supervisor_nip: str | None = None


SUPERVISORS = [
    Person("196805141994031005", "Drs. Suparman Hadi, M.Pd.", "kotabumi",
           "Guru Ahli Madya (Kepala SMP Negeri 1 Kotabumi)", "FUNGSIONAL",
           "suparman.hadi@lampungutarakab.go.id", "081279004512"),
    Person("197206101998031009", "Ir. Joko Santoso, M.M.", "surakarta",
           "Kepala Bidang Pelayanan Pendaftaran Penduduk", "ADMINISTRASI",
           "joko.santoso@surakarta.go.id", "081329110276"),
    Person("197810032005012011", "dr. Yuliarti Saputri, M.Kes.", "kepahiang",
           "Kepala Bidang Pencegahan dan Pengendalian Penyakit", "ADMINISTRASI",
           "yuliarti.saputri@kepahiangkab.go.id", "082177650931"),
    Person("197409152000121003", "Ferdinand Nenobais, S.Sos.", "maulafa",
           "Sekretaris Kecamatan Maulafa", "ADMINISTRASI",
           "ferdinand.nenobais@kupangkota.go.id", "081339421807"),
]
_SUP = {p.unit: p.nip for p in SUPERVISORS}


@dataclass(frozen=True)
class Rating:
    hasil: str
    perilaku: str
    notes: str

    @property
    def predikat(self) -> str:
        return KUADRAN[(self.hasil, self.perilaku)]


STAFF: list[tuple[Person, Rating]] = [
    (Person("198503222010012014", "Rina Marlina, S.Pd.", "kotabumi", "Guru Ahli Muda Matematika",
            "FUNGSIONAL", "rina.marlina@lampungutarakab.go.id", supervisor_nip=_SUP["kotabumi"]),
     Rating(ATAS, ATAS, "Rata-rata nilai matematika kelas IX naik 12 poin; membina tim OSN tingkat "
                        "kabupaten dan berbagi modul ajar dengan guru lain.")),
    (Person("199109172019031007", "Ahmad Fauzi, S.Pd.", "kotabumi", "Guru Ahli Pertama Bahasa Indonesia",
            "FUNGSIONAL", "ahmad.fauzi@lampungutarakab.go.id", supervisor_nip=_SUP["kotabumi"]),
     Rating(SESUAI, SESUAI, "Perangkat ajar lengkap dan tepat waktu; program literasi pagi berjalan.")),
    (Person("198811052011011003", "Bambang Sutrisno", "surakarta", "Pengadministrasi Pelayanan Kependudukan",
            "ADMINISTRASI", "bambang.sutrisno@surakarta.go.id", supervisor_nip=_SUP["surakarta"]),
     Rating(SESUAI, BAWAH, "Target perekaman KTP-el tercapai, tetapi berulang kali bersikap tidak ramah "
                           "kepada pemohon di loket dan mengabaikan antrean daring.")),
    (Person("198907262014022002", "Dwi Lestari Handayani, S.Kom.", "surakarta", "Pranata Komputer Ahli Muda",
            "FUNGSIONAL", "dwi.lestari@surakarta.go.id", supervisor_nip=_SUP["surakarta"]),
     Rating(ATAS, SESUAI, "Aplikasi antrean daring Disdukcapil stabil; waktu tunggu rata-rata turun "
                          "dari 95 menjadi 40 menit.")),
    (Person("199204112020122006", "Desi Ratnasari, S.K.M.", "kepahiang", "Epidemiolog Kesehatan Ahli Pertama",
            "FUNGSIONAL", "desi.ratnasari@kepahiangkab.go.id", supervisor_nip=_SUP["kepahiang"]),
     Rating(BAWAH, SESUAI, "Cakupan imunisasi dasar lengkap triwulan III 71%, target 85%; "
                           "pelaporan dari 4 puskesmas terlambat.")),
    (Person("198612302009031004", "Rudi Hartono, A.Md.Kep.", "kepahiang",
            "Perawat Mahir (Puskesmas Kepahiang)",
            "FUNGSIONAL", "rudi.hartono@kepahiangkab.go.id", supervisor_nip=_SUP["kepahiang"]),
     Rating(ATAS, ATAS, "Sweeping imunisasi di 12 desa; cakupan wilayah kerja 96%, tertinggi di kabupaten.")),
    (Person("198401082008011006", "Agustinus Tefa", "maulafa", "Pengadministrasi Umum (Meja Layanan PATEN)",
            "ADMINISTRASI", "agustinus.tefa@kupangkota.go.id", supervisor_nip=_SUP["maulafa"]),
     Rating(BAWAH, BAWAH, "Sering tidak berada di meja layanan pada jam pelayanan; 23 berkas surat "
                          "pengantar tertunda lebih dari 5 hari kerja.")),
    (Person("199306212019032012", "Yuliana Sabu, S.AP.", "maulafa", "Analis Pelayanan",
            "ADMINISTRASI", "yuliana.sabu@kupangkota.go.id", supervisor_nip=_SUP["maulafa"]),
     Rating(SESUAI, ATAS, "Menata alur berkas PATEN dan membantu warga lansia mengisi formulir.")),
]
SELF_ASSESSOR = "199204112020122006"  # Desi Ratnasari assesses herself too


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
    return _event("EmployeeProfileUpdated", {
        "nip": person.nip, "name": person.name, "unit_id": unit.unit_id, "unit_name": unit.unit_name,
        "position": person.position, "position_type": person.position_type,
        "supervisor_nip": person.supervisor_nip, "email": person.email, "phone": person.phone,
    }, source=HR_SOURCE, subject=person.nip, tz=unit.tz)


def _assessment(person: Person, assessor_nip: str, role: str, rating: Rating | None, **extra) -> dict:
    unit = UNITS[person.unit]
    data = {"nip": person.nip, "period": PERIOD, "assessor_nip": assessor_nip, "assessor_role": role}
    if rating is not None:
        data |= {"rating_hasil_kerja": rating.hasil, "rating_perilaku_kerja": rating.perilaku,
                 "notes": rating.notes}
    data |= extra
    return _event("AssessmentSubmitted", data, source=unit.assessment_source, subject=person.nip, tz=unit.tz)


def _complaints(now: datetime) -> list[tuple[dict, DemoComplaint]]:
    bambang = STAFF[2][0]
    surakarta = _event("ComplaintReceived", {
        "complaint_id": "ULAS-2026-11-0917",
        "channel": "ULAS (Unit Layanan Aduan Surakarta)",
        "received_at": (now - timedelta(hours=20)).astimezone(WIB).isoformat(timespec="seconds"),
        "service_date": (now - timedelta(days=2)).astimezone(WIB).date().isoformat(),
        "unit_id": UNITS["surakarta"].unit_id,
        "subject_nip": bambang.nip,
        "category": "Sikap petugas",
        "description": "Saat perekaman KTP-el di loket Disdukcapil, petugas berbicara kasar dan menyuruh "
                       "saya datang lagi besok padahal jadwal antrean daring saya sudah terkonfirmasi.",
        "complainant": {"name": "Sri Wahyuni", "email": "sri.wahyuni@example.com",
                        "phone": "085642118830", "privacy": "PUBLIK"},
    }, source="/agencies/ulas-surakarta", subject=bambang.nip, tz=WIB)
    maulafa = _event("ComplaintReceived", {
        "complaint_id": "LAPOR-2026-5571203",
        "channel": "SP4N-LAPOR",
        "received_at": (now - timedelta(hours=30)).astimezone(WITA).isoformat(timespec="seconds"),
        "service_date": (now - timedelta(days=16)).astimezone(WITA).date().isoformat(),
        "unit_id": UNITS["maulafa"].unit_id,
        "subject_nip": None,
        "category": "Pelayanan administrasi kependudukan",
        "description": "Surat keterangan pindah yang saya ajukan di meja layanan Kantor Camat Maulafa "
                       "sudah dua minggu belum selesai, dan tidak ada kabar kapan bisa diambil.",
        "complainant": {"name": "Marthen Lay", "email": "marthen.lay@example.net",
                        "phone": "081246730155", "privacy": "RAHASIA"},
    }, source="/agencies/sp4n-lapor", subject=UNITS["maulafa"].unit_id, tz=WITA)
    return [
        (e, DemoComplaint(e["data"]["complaint_id"], e["id"], e["data"]["channel"],
                          e["data"]["complainant"]["privacy"], e["data"]["unit_id"],
                          e["data"]["subject_nip"], e["data"]["complainant"]["email"]))
        for e in (surakarta, maulafa)
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
            event = _assessment(person, person.supervisor_nip, "SUPERVISOR", rating)
            send(event)
            supervisor = by_nip[person.supervisor_nip]
            summary.asn.append(DemoAsn(
                nip=person.nip, name=person.name, place=UNITS[person.unit].place,
                unit_name=UNITS[person.unit].unit_name,
                email=person.email, supervisor_nip=supervisor.nip, supervisor_name=supervisor.name,
                supervisor_email=supervisor.email, rating_hasil_kerja=rating.hasil,
                rating_perilaku_kerja=rating.perilaku, expected_predikat=rating.predikat,
                assessment_id=event["id"],
            ))

        desi = next(p for p, _ in STAFF if p.nip == SELF_ASSESSOR)
        self_event = _assessment(
            desi, desi.nip, "SELF", None,
            rating_hasil_kerja=SESUAI, rating_perilaku_kerja=SESUAI,
            perilaku={"BERORIENTASI_PELAYANAN": 4, "AKUNTABEL": 4, "KOMPETEN": 3, "HARMONIS": 5,
                      "LOYAL": 4, "ADAPTIF": 3, "KOLABORATIF": 4},
            notes="Distribusi vaksin ke puskesmas terhambat rantai dingin; sweeping imunisasi "
                  "dijadwalkan ulang pada Oktober.",
        )
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
    parser = argparse.ArgumentParser(description="Publish the demo scenario like an agency would (pika).")
    parser.add_argument("--amqp-url",
                        default=os.environ.get("AMQP_URL", "amqp://guest:guest@localhost:5672/"))
    parser.add_argument("--pause", type=float, default=2.0, help="seconds between profiles and assessments")
    args = parser.parse_args(argv)
    try:
        summary = publish_demo(args.amqp_url, pause_after_profiles=args.pause)
    except ChannelClosedByBroker as exc:
        print(f"demo: the broker refused: {exc.reply_text}. Have the services started once "
              f"(they declare {EXCHANGE} and their queues)? `make run` does that.", file=sys.stderr)
        return 1
    except UnroutableError:
        print("demo: an event was unroutable (no queue bound for it): start the services first.",
              file=sys.stderr)
        return 1
    except AMQPError as exc:
        reason = str(exc) or ", ".join(str(a) or repr(a) for a in exc.args)
        print(f"demo: cannot publish to RabbitMQ at {args.amqp_url.split('@')[-1]}: "
              f"{type(exc).__name__}: {reason}", file=sys.stderr)
        return 1
    print_summary(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
