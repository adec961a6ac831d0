"""The sanctions service's permission rules (domain/permissions.py), row by row: the right actor,
the wrong one, and what the directory does not know.

The people: an ASN, their direct superior (who examines), the superior's superior, the head above
them; a stranger in no relation to anyone; the roles auditor and ppk.
"""

from __future__ import annotations

import pytest

from asn_sanctions.domain import permissions as p
from asn_sanctions.domain.discipline.authority import InstansiKind, JabatanLevel, PejabatLevel
from asn_shared.catalog.vocabulary import JenisHukuman, PositionType, UpayaAdministratif
from asn_shared.identity.caller import Caller, Role

ASN, SUPERIOR, ATASAN, KADIS = (
    "199001012015011001",
    "198001012005011002",
    "197501012000031003",
    "197001011995031004",
)
STRANGER = "196501011990031005"
J, T = JenisHukuman, PositionType
PUSAT = InstansiKind.PUSAT_PROVINSI

asn = Caller(ASN)
superior = Caller(SUPERIOR)
atasan = Caller(ATASAN)
kadis = Caller(KADIS)
stranger = Caller(STRANGER)
auditor = Caller(STRANGER, frozenset({Role.AUDITOR.value}))
ppk = Caller(STRANGER, frozenset({p.PPK_ROLE}))
unit_admin = Caller(STRANGER, frozenset({Role.UNIT_ADMIN.value}))

# ASN (a JF) -> SUPERIOR (a pengawas post) -> ATASAN (an administrator post) -> KADIS (a JPT), top.
KNOWN = p.Line(
    p.Person(ASN, T.FUNGSIONAL),
    (
        p.Person(SUPERIOR, T.ADMINISTRASI),
        p.Person(ATASAN, T.ADMINISTRASI),
        p.Person(KADIS, T.JPT),
    ),
    ends=True,
)
# The superior's profile has not arrived: nothing above them is known.
PARTIAL = p.Line(p.Person(ASN, T.FUNGSIONAL), (p.Person(SUPERIOR),), ends=False)
# No profile of the ASN at all.
NOBODY = p.Line(p.Person(ASN))
# A functional official stands where the pengawas post would be (Pasal 23: designated JF).
DESIGNATED = p.Line(p.Person(ASN, T.ADMINISTRASI), (p.Person(SUPERIOR, T.FUNGSIONAL),), ends=False)


def claim(official: str, line: tuple[str, ...], asn_level: str = "JF_LAINNYA") -> p.Claim:
    return p.Claim(PejabatLevel(official), JabatanLevel(asn_level), tuple(map(PejabatLevel, line)))


def allowed(reason: str | None) -> bool:
    if reason is not None:
        assert reason.strip() and ("Pasal" in reason or "PP " in reason), reason
    return reason is None


# -- summons, hearing, not proven ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("caller", "examiner", "expected"),
    [
        (superior, SUPERIOR, True),  # the direct superior named in the case
        (atasan, SUPERIOR, False),  # the superior's superior is not the examiner
        (asn, SUPERIOR, False),
        (stranger, SUPERIOR, False),
        (auditor, SUPERIOR, False),  # reads, never acts
        (ppk, SUPERIOR, False),  # the PPK does not examine (Pasal 26-27)
        (superior, None, False),  # no profile named the superior yet
    ],
)
def test_only_the_examiner_summons_examines_and_closes(caller, examiner, expected):
    assert allowed(p.examiner(caller, examiner, "summon")) is expected


@pytest.mark.parametrize(
    ("caller", "expected"),
    [(superior, True), (atasan, True), (asn, False), (stranger, False), (auditor, False)],
)
def test_delivery_by_the_official_who_decided_or_the_examiner(caller, expected):
    assert allowed(p.deliverer(caller, SUPERIOR, ATASAN)) is expected


def test_no_delivery_when_nobody_is_known():
    assert not allowed(p.deliverer(superior, None, None))


# -- the decision: the caller's place and posts, from the directory -------------------------------

DECIDERS = [
    # (why, caller, claim, line, allowed)
    ("the direct superior at place 1", superior, claim("PENGAWAS", ("PENGAWAS",)), KNOWN, True),
    (
        "the superior's superior at place 2",
        atasan,
        claim("ADMINISTRATOR", ("PENGAWAS", "ADMINISTRATOR")),
        KNOWN,
        True,
    ),
    (
        "the JPT at place 3",
        kadis,
        claim("JPT_PRATAMA", ("PENGAWAS", "ADMINISTRATOR", "JPT_PRATAMA")),
        KNOWN,
        True,
    ),
    ("a stranger claiming a pengawas", stranger, claim("PENGAWAS", ("PENGAWAS",)), KNOWN, False),
    ("the ASN themselves", asn, claim("PENGAWAS", ("PENGAWAS",)), KNOWN, False),
    ("an auditor", auditor, claim("PENGAWAS", ("PENGAWAS",)), KNOWN, False),
    (
        "the superior claiming the place above them",
        superior,
        claim("ADMINISTRATOR", ("PENGAWAS", "ADMINISTRATOR")),
        KNOWN,
        False,
    ),
    (
        "the superior's superior claiming the direct superior's place",
        atasan,
        claim("ADMINISTRATOR", ("ADMINISTRATOR",)),
        KNOWN,
        False,
    ),
    ("a line too short for the caller", atasan, claim("ADMINISTRATOR", ()), KNOWN, False),
    (
        "a JPT level for an administrasi post",
        atasan,
        claim("JPT_PRATAMA", ("PENGAWAS", "JPT_PRATAMA")),
        KNOWN,
        False,
    ),
    (
        "an administrasi level for a JPT post",
        kadis,
        claim("ADMINISTRATOR", ("PENGAWAS", "ADMINISTRATOR", "ADMINISTRATOR")),
        KNOWN,
        False,
    ),
    (
        "a JPT level below the caller that the directory contradicts",
        kadis,
        claim("JPT_PRATAMA", ("PENGAWAS", "JPT_MADYA", "JPT_PRATAMA")),
        KNOWN,
        False,
    ),
    (
        "the ASN's post against their profile",
        superior,
        claim("PENGAWAS", ("PENGAWAS",), asn_level="PELAKSANA"),
        KNOWN,
        False,
    ),
    ("the PPK by role", ppk, claim("PPK", ("PENGAWAS", "ADMINISTRATOR")), KNOWN, True),
    ("PPK claimed without the role", kadis, claim("PPK", ("PENGAWAS",)), KNOWN, False),
    (
        "the PPK's line longer than the directory's",
        ppk,
        claim("PPK", ("PENGAWAS", "ADMINISTRATOR", "JPT_PRATAMA", "JPT_MADYA")),
        KNOWN,
        False,
    ),
    ("the President", ppk, claim("PRESIDEN", ("PENGAWAS",)), KNOWN, False),
    # The superior's profile has not arrived: their level stays declared, the place is derived.
    (
        "an unknown superior's level, declared",
        superior,
        claim("PENGAWAS", ("PENGAWAS",)),
        PARTIAL,
        True,
    ),
    (
        "above an unknown superior nothing is known: a stranger stays out",
        atasan,
        claim("ADMINISTRATOR", ("PENGAWAS", "ADMINISTRATOR")),
        PARTIAL,
        False,
    ),
    (
        "no profile of the ASN: nobody is in the line",
        superior,
        claim("PENGAWAS", ("PENGAWAS",)),
        NOBODY,
        False,
    ),
    ("no profile of the ASN: the PPK still decides", ppk, claim("PPK", ()), NOBODY, True),
]


@pytest.mark.parametrize(
    ("caller", "the_claim", "line", "expected"),
    [row[1:] for row in DECIDERS],
    ids=[row[0] for row in DECIDERS],
)
def test_the_decider_is_where_the_directory_puts_them(caller, the_claim, line, expected):
    assert allowed(p.decider(caller, the_claim, line)) is expected


COMPETENCE = [
    # (why, caller, claim, line, jenis, allowed)
    (
        "a pengawas: ringan for a JF (Pasal 23)",
        superior,
        claim("PENGAWAS", ("PENGAWAS",)),
        KNOWN,
        J.TEGURAN_TERTULIS,
        True,
    ),
    (
        "a pengawas: not sedang for a JF",
        superior,
        claim("PENGAWAS", ("PENGAWAS",)),
        KNOWN,
        J.PENUNDAAN_KGB_1T,
        False,
    ),
    (
        "an administrator: sedang for a JF (Pasal 22)",
        atasan,
        claim("ADMINISTRATOR", ("PENGAWAS", "ADMINISTRATOR")),
        KNOWN,
        J.PENUNDAAN_KGB_1T,
        True,
    ),
    (
        "a stranger is not competent whatever the claim",
        stranger,
        claim("ADMINISTRATOR", ("PENGAWAS", "ADMINISTRATOR")),
        KNOWN,
        J.TEGURAN_LISAN,
        False,
    ),
    (
        "a JF in the pengawas place: the designated JF, ringan (Pasal 23)",
        superior,
        claim("PENGAWAS", ("PENGAWAS",), asn_level="PELAKSANA"),
        DESIGNATED,
        J.TEGURAN_LISAN,
        True,
    ),
    (
        "a JF in the pengawas place: no sedang",
        superior,
        claim("PENGAWAS", ("PENGAWAS",), asn_level="PELAKSANA"),
        DESIGNATED,
        J.PENUNDAAN_KGB_1T,
        False,
    ),
    (
        "the PPK: berat for a JF (Pasal 18(1)-(2))",
        ppk,
        claim("PPK", ("PENGAWAS", "ADMINISTRATOR")),
        KNOWN,
        J.PEMBERHENTIAN_DH_TAPS,
        True,
    ),
    (
        "a line that does not rise cannot describe a real case",
        superior,
        claim("PENGAWAS", ("PENGAWAS", "PENGAWAS")),
        KNOWN,
        J.TEGURAN_LISAN,
        False,
    ),
]


@pytest.mark.parametrize(
    ("caller", "the_claim", "line", "jenis", "expected"),
    [row[1:] for row in COMPETENCE],
    ids=[row[0] for row in COMPETENCE],
)
def test_the_decision_needs_competence_at_the_verified_place(
    caller, the_claim, line, jenis, expected
):
    assert allowed(p.decision(caller, the_claim, line, jenis, PUSAT)) is expected


def test_a_designated_jf_is_not_two_levels_below_competent_as_a_pengawas_would_be():
    """The same declared line, once with a pengawas post and once with a JF in its place."""
    line = ("PENGAWAS", "ADMINISTRATOR")
    below = p.Line(
        p.Person(ASN, T.ADMINISTRASI),
        (p.Person("198501012010011009", T.ADMINISTRASI), p.Person(SUPERIOR, T.ADMINISTRASI)),
        ends=True,
    )
    as_jf = p.Line(below.asn, (below.superiors[0], p.Person(SUPERIOR, T.FUNGSIONAL)), ends=True)
    administrator = claim("ADMINISTRATOR", line, asn_level="PELAKSANA")
    assert allowed(p.decision(superior, administrator, below, J.PENUNDAAN_KGB_1T, PUSAT))
    assert not allowed(p.decision(superior, administrator, as_jf, J.PENUNDAAN_KGB_1T, PUSAT))


# -- upaya administratif -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("caller", "expected"),
    [(asn, True), (superior, False), (stranger, False), (auditor, False), (ppk, False)],
)
def test_only_the_punished_asn_objects(caller, expected):
    assert allowed(p.objector(caller, ASN)) is expected


U = UpayaAdministratif
OBJECTION_DECIDERS = [
    ("the official's superior", atasan, U.KEBERATAN_PEJABAT, ATASAN, True),
    ("the official who decided", superior, U.KEBERATAN_PEJABAT, ATASAN, False),
    ("a stranger", stranger, U.KEBERATAN_PEJABAT, ATASAN, False),
    ("the PPK is not the official's superior", ppk, U.KEBERATAN_PEJABAT, ATASAN, False),
    ("the official's superior unknown", atasan, U.KEBERATAN_PEJABAT, None, False),
    ("the PPK on a keberatan to the PPK", ppk, U.KEBERATAN_PPK, None, True),
    ("not the PPK", kadis, U.KEBERATAN_PPK, None, False),
    ("the PPK records BPASN's decision", ppk, U.BANDING_BPASN, None, True),
    ("an auditor does not record it", auditor, U.BANDING_BPASN, None, False),
]


@pytest.mark.parametrize(
    ("caller", "upaya", "imposer_superior", "expected"),
    [row[1:] for row in OBJECTION_DECIDERS],
    ids=[row[0] for row in OBJECTION_DECIDERS],
)
def test_an_objection_is_decided_by_the_competent_authority(
    caller, upaya, imposer_superior, expected
):
    assert allowed(p.objection_decider(caller, upaya, imposer_superior)) is expected


# -- coaching ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("caller", "line", "expected"),
    [
        (superior, KNOWN, True),
        (kadis, KNOWN, True),  # any superior up the line
        (ppk, NOBODY, True),
        (asn, KNOWN, False),
        (stranger, KNOWN, False),
        (auditor, KNOWN, False),
        (atasan, PARTIAL, False),  # the directory does not (yet) put them above the ASN
    ],
)
def test_coaching_steps_by_the_asns_superiors_or_the_ppk(caller, line, expected):
    assert allowed(p.coaching_official(caller, line)) is expected


# -- reads ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("caller", "line", "officials", "expected"),
    [
        (asn, KNOWN, (), True),
        (asn, NOBODY, (), True),  # no profile: the ASN still reads their own
        (superior, KNOWN, (), True),
        (kadis, KNOWN, (), True),
        (atasan, PARTIAL, (), False),  # not known to be above the ASN
        (atasan, PARTIAL, (SUPERIOR, ATASAN), True),  # but the case's decider reads its file
        (auditor, KNOWN, (), True),
        (ppk, KNOWN, (), True),
        (stranger, KNOWN, (None,), False),
        (unit_admin, KNOWN, (), False),  # names complaint officials, reads no case
    ],
)
def test_a_case_is_read_by_the_asn_their_superiors_its_officials_and_auditors(
    caller, line, officials, expected
):
    assert allowed(p.person_reader(caller, line, officials)) is expected


HEAD = p.Line(p.Person(ATASAN, T.ADMINISTRASI), (p.Person(KADIS, T.JPT),), ends=True)


@pytest.mark.parametrize(
    ("caller", "head", "expected"),
    [
        (atasan, HEAD, True),  # the unit's head
        (kadis, HEAD, True),  # the head's superior
        (superior, HEAD, False),  # a member, not the head
        (stranger, HEAD, False),
        (auditor, None, True),
        (ppk, None, True),
        (atasan, None, False),  # the directory singles out no head
        (unit_admin, HEAD, False),
    ],
)
def test_a_units_cases_are_read_by_its_head_their_superiors_and_auditors(caller, head, expected):
    assert allowed(p.unit_reader(caller, head)) is expected


def test_a_line_places_each_superior():
    assert [KNOWN.place(n) for n in (ASN, SUPERIOR, ATASAN, KADIS, STRANGER)] == [
        None,
        1,
        2,
        3,
        None,
    ]
