"""Who may call the sanctions service's HTTP routes: pure rules, no I/O.

Each rule takes the caller (the NIP and roles of a verified bearer token) and the facts the use
case or the router loaded from this service's own directory (the profiles of
EmployeeProfileUpdated: unit, position type, direct superior) and from the case the route
names. It returns None when the caller may, else the reason they may not: a short sentence naming
the rule and its source, answered with 403 and logged (no personal data).

The people come from the directory, never from the request body: the ASN's line of superiors is
the chain of `supervisor_nip` from the ASN's profile upwards (`Line`: the direct superior, their
superior, ... until a profile names no superior or a superior has no profile yet); a unit's head
is the one member whose superior is outside the unit (asn_shared.directory.unit_head). The directory
has no field for the Pejabat Pembina Kepegawaian, so the PPK is the token's role `ppk` (granted by
the agency's single sign-on to the PPK's account); `auditor` reads everything and does nothing.

The rules (the README's "Who may call each route" has them by route):

- summon, record the hearing, close a case not proven: the case's examiner, the ASN's direct
  superior the directory named when the case opened (PP 94/2021 Pasal 26-27; regulation.md 3.4).
- decide the punishment: an official in the ASN's line whose place and post the directory
  confirms and whom Pasal 17-25 make competent, or the PPK (role `ppk`) (3.3).
- record the delivery: the official who decided, or the case's examiner (Pasal 37; 3.4).
- file a keberatan or banding: the punished ASN (PP 79/2021 Pasal 3-4, 10-11; 3.7).
- decide a keberatan against an official: that official's superior in the directory (PP 79/2021
  Pasal 3(3), 8-9); against the PPK, and record BPASN's banding decision: the PPK (Pasal 4-6,
  11, 16-17) (3.7).
- record the uji kompetensi kembali and a post found: an official in the ASN's line of superiors,
  or the PPK (PP 30/2019 Pasal 48, 57-58; UU 20/2023 Pasal 43; regulation.md 1.1, 2).
- read a case or an ASN's follow-ups: the ASN, their line of superiors, the case's officials
  (examiner, decider), roles `auditor` and `ppk` (PP 94/2021 Pasal 27, 32; UU 20/2023 Pasal 43;
  1.1, 3.4).
- read a unit's cases or rotations: the unit's head and the head's line of superiors, roles
  `auditor` and `ppk` (PP 94/2021 Pasal 24, 28: the superiors answer for the duties flagged).

The decision's competence (PP 94/2021 Pasal 17-25) depends on the posts, and the directory knows
of a post only its kind (`position_type`: JPT, ADMINISTRASI, FUNGSIONAL), not its echelon. So
`decider` derives what it can and checks the request's declared levels against it:

- derived: who decides (the token); their place in the ASN's line (1: the direct superior, 2: the
  superior's superior, ...), which is the "1 / 2 levels below" of Pasal 19-23; that the directory
  has a superior at each place the line names up to the decider (when it knows the line ends
  there); the kind of those superiors' posts and of the ASN's (a JPT level needs a JPT post; an
  administrator or pengawas level a post in jabatan administrasi, or a functional post, and then
  only as the JF designated where the post does not exist, Pasal 22-23: ringan only); the PPK by
  role.
- declared, and only checked against the above: the echelon within a kind (`imposed_by_level`
  Pengawas or Administrator, JPT Pratama or Madya; `asn_jabatan_level` Pelaksana, Pengawas or
  Administrator, JF Ahli Utama or another JF), the officials above the decider (they do not change
  whether the decider is competent), the places beyond a superior whose profile has not arrived.

Whether a step is allowed *now* (the case's status, a deadline, the punishment's catalogue) is
decided after these rules (409).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from asn_shared.catalog.vocabulary import JenisHukuman, PositionType, UpayaAdministratif
from asn_shared.identity.caller import Caller, Role

from .discipline.authority import (
    InstansiKind,
    JabatanLevel,
    PejabatLevel,
    Superior,
    may_impose,
)

PPK_ROLE = Role.PPK.value  # the Pejabat Pembina Kepegawaian: the directory has no field for it

EXAMINATION = "PP 94/2021 Pasal 26-27"
COMPETENCE = "PP 94/2021 Pasal 17-25"
DELIVERY = "PP 94/2021 Pasal 37"
REMEDIES = "PP 79/2021"
COACHING = "PP 30/2019 Pasal 48, 57-58"

# The kind of post (the profile's position_type) each level of PP 94/2021 Pasal 16-23 sits in.
ASN_POSTS: dict[PositionType, frozenset[JabatanLevel]] = {
    PositionType.JPT: frozenset(
        {JabatanLevel.JPT_UTAMA, JabatanLevel.JPT_MADYA, JabatanLevel.JPT_PRATAMA}
    ),
    PositionType.ADMINISTRASI: frozenset(
        {JabatanLevel.ADMINISTRATOR, JabatanLevel.PENGAWAS, JabatanLevel.PELAKSANA}
    ),
    PositionType.FUNGSIONAL: frozenset({JabatanLevel.JF_AHLI_UTAMA, JabatanLevel.JF_LAINNYA}),
}
JPT_OFFICIALS = frozenset({PejabatLevel.JPT_MADYA, PejabatLevel.JPT_PRATAMA})
ADMINISTRASI_OFFICIALS = frozenset({PejabatLevel.ADMINISTRATOR, PejabatLevel.PENGAWAS})


@dataclass(frozen=True)
class Person:
    """One person as the directory knows them; `position_type` None: no profile has arrived."""

    nip: str
    position_type: PositionType | None = None


@dataclass(frozen=True)
class Line:
    """An ASN and their superiors as the directory has them, the direct superior first.

    `ends`: the directory knows the line stops there (the last profile names no superior). False
    when the line runs into a superior whose profile has not arrived (what is above is unknown),
    or when the ASN has no profile at all.
    """

    asn: Person
    superiors: tuple[Person, ...] = ()
    ends: bool = False

    def place(self, nip: str) -> int | None:
        """How many levels above the ASN `nip` sits (1: the direct superior); None: not above."""
        for place, superior in enumerate(self.superiors, start=1):
            if superior.nip == nip:
                return place
        return None

    def above(self, nip: str) -> bool:
        return self.place(nip) is not None


@dataclass(frozen=True)
class Claim:
    """What a decision's body declares about the posts (see the module's docstring)."""

    official: PejabatLevel  # imposed_by_level
    asn: JabatanLevel  # asn_jabatan_level
    line: tuple[PejabatLevel, ...]  # the ASN's superiors below the PPK, direct superior first


def _is_ppk(caller: Caller) -> bool:
    return PPK_ROLE in caller.roles


# -- the examination, delivery ----------------------------------------------------------------


def examiner(caller: Caller, examiner_nip: str | None, step: str) -> str | None:
    """Summons, hearing and not-proven: the case's examiner, the ASN's direct superior."""
    if examiner_nip is None:
        return f"no examiner is known yet: no profile names the ASN's superior ({EXAMINATION})"
    if caller.nip != examiner_nip:
        return f"only the ASN's direct superior who examines the case may {step} ({EXAMINATION})"
    return None


def deliverer(caller: Caller, examiner_nip: str | None, imposed_by_nip: str | None) -> str | None:
    """The decision is handed over by the official who decided it or the examining superior."""
    if caller.nip in {examiner_nip, imposed_by_nip} - {None}:
        return None
    return f"the official who decided or the examining superior records delivery ({DELIVERY})"


# -- the decision -----------------------------------------------------------------------------


def _asn_post(claim: Claim, line: Line) -> str | None:
    kind = line.asn.position_type
    if kind is not None and claim.asn not in ASN_POSTS[kind]:
        return (
            f"asn_jabatan_level {claim.asn.value} does not agree with the directory, which has "
            f"the ASN in a post of type {kind.value} ({COMPETENCE})"
        )
    return None


def _official_post(level: PejabatLevel, person: Person, place: int) -> bool | str:
    """Whether the official at `place` stands in as a designated JF, or why the level and the
    directory's post disagree."""
    kind = person.position_type
    if kind is None:
        return False  # no profile yet: the level stays declared
    if level in JPT_OFFICIALS and kind is not PositionType.JPT:
        return (
            f"the directory has the superior {place} level(s) up in a post of type {kind.value}, "
            f"not JPT ({COMPETENCE})"
        )
    if level in ADMINISTRASI_OFFICIALS:
        if kind is PositionType.JPT:
            return (
                f"the directory has the superior {place} level(s) up in a post of type JPT, not "
                f"{level.value} ({COMPETENCE})"
            )
        # Pasal 22-23: a JF stands in only where the post does not exist, and imposes ringan.
        return kind is PositionType.FUNGSIONAL
    return False


def _verified_line(caller: Caller, claim: Claim, line: Line) -> tuple[Superior, ...] | str:
    """The declared line with what the directory confirms, or why it does not agree."""
    if claim.official is PejabatLevel.PRESIDEN:
        return (
            "a decision of the President is not taken through this service: nobody's token or "
            f"profile stands for the President ({COMPETENCE})"
        )
    refused = _asn_post(claim, line)
    if refused:
        return refused
    if claim.official is PejabatLevel.PPK:
        if not _is_ppk(caller):
            return (
                f"imposed_by_level PPK needs the role '{PPK_ROLE}' in the token: the directory "
                f"does not name the Pejabat Pembina Kepegawaian ({COMPETENCE})"
            )
        checked = len(claim.line)  # the PPK is above the whole line
    else:
        place = line.place(caller.nip)
        if place is None:
            return (
                "the caller is not in the ASN's line of superiors in the directory: an official "
                "punishes those below them (PP 94/2021 Pasal 19-23, 25; docs/regulation.md 3.3)"
            )
        if len(claim.line) < place or claim.line[place - 1] is not claim.official:
            return (
                f"the directory has the caller {place} level(s) above the ASN: `line` must name "
                f"imposed_by_level at that place ({COMPETENCE})"
            )
        checked = place  # the caller and those below them decide the competence
    superiors = []
    for index, level in enumerate(claim.line):
        designated = False
        if index < checked and index < len(line.superiors):
            person = line.superiors[index]
            if claim.official is PejabatLevel.PPK and person.nip == caller.nip:
                return f"the line holds the superiors below the PPK, not the PPK ({COMPETENCE})"
            answer = _official_post(level, person, index + 1)
            if isinstance(answer, str):
                return answer
            designated = answer
        elif index < checked and line.ends:
            return (
                f"`line` names {len(claim.line)} superiors; the directory knows "
                f"{len(line.superiors)} above the ASN ({COMPETENCE})"
            )
        superiors.append(Superior(level, designated))
    return tuple(superiors)


def decider(caller: Caller, claim: Claim, line: Line) -> str | None:
    """Whether the caller is an official the directory puts where the decision says.

    Checked before anything about the case is answered; `decision` adds the competence for the
    punishment chosen."""
    verified = _verified_line(caller, claim, line)
    return verified if isinstance(verified, str) else None


def decision(
    caller: Caller,
    claim: Claim,
    line: Line,
    jenis: JenisHukuman,
    instansi: InstansiKind,
) -> str | None:
    """Whether the caller may impose `jenis` on the ASN (Pasal 17-25 on the verified line)."""
    verified = _verified_line(caller, claim, line)
    if isinstance(verified, str):
        return verified
    try:
        authority = may_impose(claim.official, claim.asn, jenis, instansi=instansi, line=verified)
    except ValueError as impossible:  # e.g. a line that does not rise, a JPT below a pengawas
        return f"the declared posts cannot describe a real case: {impossible} ({COMPETENCE})"
    if not authority.allowed:
        return f"not competent to impose {jenis.value}: {authority.reason}"
    return None


# -- upaya administratif ----------------------------------------------------------------------


def objector(caller: Caller, asn_nip: str) -> str | None:
    if caller.nip != asn_nip:
        return (
            "only the punished ASN files a keberatan or banding "
            f"({REMEDIES} Pasal 3-4, 10-11; docs/regulation.md 3.7)"
        )
    return None


def objection_decider(
    caller: Caller, upaya: UpayaAdministratif, imposer_superior: str | None
) -> str | None:
    """`imposer_superior`: the directory's superior of the official who decided the case."""
    if upaya is UpayaAdministratif.KEBERATAN_PEJABAT:
        if imposer_superior is None:
            return (
                "the directory does not know the superior of the official who decided, who "
                f"decides this keberatan ({REMEDIES} Pasal 3(3), 8; docs/regulation.md 3.7)"
            )
        if caller.nip != imposer_superior:
            return (
                "a keberatan against an official's decision is decided by that official's "
                f"superior ({REMEDIES} Pasal 3(3), 8; docs/regulation.md 3.7)"
            )
        return None
    if _is_ppk(caller):
        return None
    if upaya is UpayaAdministratif.KEBERATAN_PPK:
        return (
            f"a keberatan against the PPK's decision is decided by the PPK (role '{PPK_ROLE}'; "
            f"{REMEDIES} Pasal 4-6; docs/regulation.md 3.7)"
        )
    return (
        f"BPASN's decision on a banding is recorded by the PPK, who carries it out (role "
        f"'{PPK_ROLE}'; {REMEDIES} Pasal 11, 16-17; docs/regulation.md 3.7)"
    )


# -- the coaching chain -----------------------------------------------------------------------


def coaching_official(caller: Caller, line: Line) -> str | None:
    """The uji kompetensi kembali and the post found: the ASN's superiors or the PPK."""
    if line.above(caller.nip) or _is_ppk(caller):
        return None
    return (
        "the re-test and the move are recorded by an official in the ASN's line of superiors "
        f"or the PPK (role '{PPK_ROLE}'; {COACHING}; docs/regulation.md 2)"
    )


# -- reads ------------------------------------------------------------------------------------


def _reads_everything(caller: Caller) -> bool:
    return caller.has(Role.AUDITOR) or _is_ppk(caller)


def person_reader(caller: Caller, line: Line, officials: Iterable[str | None] = ()) -> str | None:
    """A case's file or an ASN's follow-ups: the ASN, their superiors, the case's officials."""
    if (
        caller.nip == line.asn.nip
        or line.above(caller.nip)
        or caller.nip in set(officials)
        or _reads_everything(caller)
    ):
        return None
    return (
        "only the ASN, their line of superiors, the case's officials and the roles "
        f"'{Role.AUDITOR.value}' and '{PPK_ROLE}' read it (PP 94/2021 Pasal 27, 32; UU 20/2023 "
        "Pasal 43; docs/regulation.md 1.1, 3.4)"
    )


def unit_reader(caller: Caller, head: Line | None) -> str | None:
    """A unit's cases or rotations: its head (and the head's superiors), auditors, the PPK.

    `head`: the line of the unit's head (Line.asn is the head); None when the directory does
    not single out one head."""
    if _reads_everything(caller):
        return None
    if head is not None and (caller.nip == head.asn.nip or head.above(caller.nip)):
        return None
    return (
        "only the unit's head, the head's line of superiors and the roles "
        f"'{Role.AUDITOR.value}' and '{PPK_ROLE}' read a unit's cases (PP 94/2021 Pasal 24, "
        "28; docs/regulation.md 3.3-3.4)"
    )
