"""Who may call the assessment service's HTTP routes: pure rules, no I/O.

Each rule takes the caller (the NIP and roles of a verified bearer token) and the facts the use
case loaded from the service's own directory (profiles from EmployeeProfileUpdated: unit and
direct superior) or from the record the route names (a plan's ASN, an objection's superior, an
annual document's parties). It returns None when the caller may, else the reason they may not:
a short sentence naming the rule and its source, answered with 403 and logged (no personal data).

The posts come from the directory, never from the request: the ASN's evaluator (Pejabat Penilai
Kinerja) is their direct superior (`supervisor_nip`), the evaluator's superior is the evaluator's
own `supervisor_nip`, a unit's head is the one member whose superior is outside the unit
(asn_shared.directory.unit_head), and "the leader one level up" of a unit is its head's superior.

- An SKP is drafted, edited and submitted by its ASN and approved or returned by their
  evaluator (PermenPANRB 6/2022 Pasal 5; docs/regulation.md 1.1-1.2); the ASN or the evaluator
  reopens it for a reason of PP 30/2019 Pasal 28 (1.2).
- Continuous feedback: the evaluator (PermenPANRB 6/2022 Pasal 5 stage 2; 1.7).
- Assessments: SUPERVISOR by the ASN's direct superior, the Pejabat Penilai Kinerja (PP 30/2019
  Pasal 46(5); 1.4, 1.11); SELF by the ASN; PEER by a colleague "at the same level in the same
  unit" (Pasal 37(3), 39; 1.11), read from the directory as: same unit and same direct superior,
  not the ASN; SUBORDINATE by a direct subordinate (Pasal 37(3), 46(6)): someone whose direct
  superior is the ASN.
- A unit's period: the organisation predicate is set by "the leader one level up" (SE MenPANRB
  3/2023 stage 1; 1.6), the superior of the unit's head; the period is closed by the unit's head
  or that leader (stages 2-3; 1.6, 1.8).
- Objections: filed by the ASN rated, decided by the evaluator's superior they were filed with
  (PP 30/2019 Pasal 59; 1.10).
- The annual document: signed by the ASN, the evaluator or (a signature being late) the
  evaluator's superior, handed over by the evaluator (PP 30/2019 Pasal 49-50; 1.6).
- Reading an ASN's plan, ratings, evidence and document: the ASN, the evaluator, the
  evaluator's superior (who decides objections and sets late documents, Pasal 50, 59), the head
  of the ASN's unit (performance management runs down the hierarchy, UU 20/2023 Pasal 43; 1.1),
  and the auditor role (docs/architecture.md 4b); a document also its recorded parties.
  Reading a unit's standing and documents: its head, the leader one level up, the auditor role.

Whether a step is allowed *now* (a plan's state, a deadline, a closed period) is another matter,
decided after these rules (409/422). The auditor role reads and never acts; the unit-admin role
gives nothing here (it names complaint officials in the feedback service).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from asn_shared.catalog.vocabulary import AssessorRole
from asn_shared.identity.caller import Caller, Role

from .documents import Act

NO_PROFILE = "the directory has no profile of the ASN yet (EmployeeProfileUpdated)"


@dataclass(frozen=True)
class Person:
    """One person as the directory knows them (EmployeeProfileUpdated)."""

    nip: str
    unit_id: str
    supervisor_nip: str | None


@dataclass(frozen=True)
class Around:
    """The people the directory places around one ASN, whom the read rules name.

    `person` is None when no profile of the ASN has arrived: then only the ASN and the auditor
    role read.
    """

    nip: str
    person: Person | None = None
    evaluator_superior: str | None = None  # the evaluator's own supervisor_nip
    unit_head: str | None = None  # the head of the ASN's unit

    @property
    def evaluator(self) -> str | None:
        return self.person.supervisor_nip if self.person else None


@dataclass(frozen=True)
class UnitOfficials:
    """A unit's head and the leader one level up, as the directory singles them out."""

    unit_id: str
    head: str | None  # None: no single member whose superior is outside the unit
    head_superior: str | None  # the head's supervisor_nip


@dataclass(frozen=True)
class DocumentParties:
    """Who acts on an annual document: the ASN, the evaluator recorded at opening, and the
    evaluator's superior (now, else as recorded)."""

    nip: str
    evaluator: str
    superior: str | None


# -- the SKP ----------------------------------------------------------------------------------

SKP_OWN = (
    "only the ASN drafts, edits and submits their own SKP (PermenPANRB 6/2022 Pasal 5; "
    "docs/regulation.md 1.1-1.2)"
)
SKP_EVALUATOR = (
    "only the ASN's evaluator (their direct superior in the directory) approves or returns the "
    "SKP (PermenPANRB 6/2022 Pasal 5; docs/regulation.md 1.1-1.2)"
)
SKP_REVISION = (
    "only the ASN or their evaluator reopens an approved SKP (PP 30/2019 Pasal 28; "
    "docs/regulation.md 1.2)"
)


def may_write_plan(caller: Caller, nip: str) -> str | None:
    """Draft, edit or submit the SKP of `nip`: the ASN themselves."""
    return None if caller.nip == nip else SKP_OWN


def may_decide_plan(caller: Caller, asn: Person | None) -> str | None:
    """Approve or return the ASN's submitted SKP: their evaluator."""
    if asn is None:
        return f"{SKP_EVALUATOR}: {NO_PROFILE}"
    if asn.supervisor_nip is None:
        return f"{SKP_EVALUATOR}: the directory names no superior of the ASN"
    return None if caller.nip == asn.supervisor_nip else SKP_EVALUATOR


def may_revise_plan(caller: Caller, nip: str, asn: Person | None) -> str | None:
    """Reopen an approved SKP for a Pasal 28 reason: the ASN or their evaluator."""
    if caller.nip == nip or (asn is not None and caller.nip == asn.supervisor_nip):
        return None
    return SKP_REVISION


# -- feedback and assessments -----------------------------------------------------------------

FEEDBACK = (
    "only the ASN's evaluator (their direct superior in the directory) gives continuous "
    "feedback (PermenPANRB 6/2022 Pasal 5; docs/regulation.md 1.7)"
)
SUPERVISOR = (
    "a SUPERVISOR assessment comes only from the ASN's direct superior in the directory, the "
    "Pejabat Penilai Kinerja (PP 30/2019 Pasal 46(5); docs/regulation.md 1.4, 1.11)"
)
SELF = (
    "a SELF assessment comes only from the ASN themselves (the assessor is the assessed; "
    "docs/agency-contract-v1.md, AssessmentSubmitted)"
)
PEER = (
    "a PEER assessment comes only from a colleague at the same level in the same unit: same unit "
    "and same direct superior in the directory (PP 30/2019 Pasal 37(3), 39; "
    "docs/regulation.md 1.11)"
)
SUBORDINATE = (
    "a SUBORDINATE assessment comes only from a direct subordinate: someone whose direct "
    "superior in the directory is the ASN (PP 30/2019 Pasal 37(3), 46(6); "
    "docs/regulation.md 1.11)"
)
NO_ASSESSOR_PROFILE = "the directory has no profile of the assessor"


def may_give_feedback(caller: Caller, asn: Person) -> str | None:
    """Umpan balik berkelanjutan on the ASN's work: their evaluator."""
    return None if asn.supervisor_nip is not None and caller.nip == asn.supervisor_nip else FEEDBACK


def may_assess(
    caller: Caller,
    role: AssessorRole,
    nip: str,
    asn: Person | None,
    assessor: Person | None,
) -> str | None:
    """Assess the ASN `nip` in `role`; `asn` and `assessor` (the caller) from the directory."""
    if role is AssessorRole.SELF:
        return None if caller.nip == nip else SELF
    if caller.nip == nip:
        return {
            AssessorRole.SUPERVISOR: SUPERVISOR,
            AssessorRole.PEER: PEER,
            AssessorRole.SUBORDINATE: SUBORDINATE,
        }[role]
    if role is AssessorRole.SUPERVISOR:
        if asn is None:
            return f"{SUPERVISOR}: {NO_PROFILE}"
        return None if caller.nip == asn.supervisor_nip else SUPERVISOR
    if role is AssessorRole.SUBORDINATE:
        if assessor is None:
            return f"{SUBORDINATE}: {NO_ASSESSOR_PROFILE}"
        return None if assessor.supervisor_nip == nip else SUBORDINATE
    # PEER
    if asn is None:
        return f"{PEER}: {NO_PROFILE}"
    if assessor is None:
        return f"{PEER}: {NO_ASSESSOR_PROFILE}"
    same_level = asn.supervisor_nip is not None and assessor.supervisor_nip == asn.supervisor_nip
    return None if same_level and assessor.unit_id == asn.unit_id else PEER


# -- a unit's period --------------------------------------------------------------------------

ORGANISATION = (
    "only the leader one level up (the superior of the unit's head in the directory) sets the "
    "unit's organisation predicate (SE MenPANRB 3/2023 stage 1; docs/regulation.md 1.6)"
)
CLOSE = (
    "only the unit's head or the leader one level up (the head's superior in the directory) "
    "closes the unit's period (SE MenPANRB 3/2023 stages 2-3; docs/regulation.md 1.6, 1.8)"
)
UNIT_READ = (
    "a unit's standing and documents are read by its head, the leader one level up and the "
    "auditor role (SE MenPANRB 3/2023; docs/regulation.md 1.8)"
)
NO_HEAD = "the directory does not single out the unit's head (one member whose superior is outside)"


def may_rate_organization(caller: Caller, unit: UnitOfficials) -> str | None:
    if unit.head is None:
        return f"{ORGANISATION}: {NO_HEAD}"
    if unit.head_superior is None:
        return f"{ORGANISATION}: the directory names no superior of the unit's head"
    return None if caller.nip == unit.head_superior else ORGANISATION


def may_close_period(caller: Caller, unit: UnitOfficials) -> str | None:
    if unit.head is None:
        return f"{CLOSE}: {NO_HEAD}"
    return None if caller.nip in (unit.head, unit.head_superior) else CLOSE


def may_read_unit(caller: Caller, unit: UnitOfficials) -> str | None:
    if caller.has(Role.AUDITOR):
        return None
    officials = {nip for nip in (unit.head, unit.head_superior) if nip is not None}
    return None if caller.nip in officials else UNIT_READ


# -- objections and the annual document -------------------------------------------------------

OBJECTION_FILE = (
    "only the ASN rated files an objection to their rating (PP 30/2019 Pasal 59; "
    "docs/regulation.md 1.10)"
)
OBJECTION_DECIDE = (
    "only the evaluator's superior the objection went to decides it (PP 30/2019 Pasal 59; "
    "docs/regulation.md 1.10)"
)
DELIVER = (
    "only the evaluator hands the annual document over (PP 30/2019 Pasal 49(2); "
    "docs/regulation.md 1.6)"
)
SIGN = (
    "only the ASN, the evaluator or the evaluator's superior signs the annual document "
    "(PP 30/2019 Pasal 49-50; docs/regulation.md 1.6)"
)


def may_file_objection(caller: Caller, nip: str) -> str | None:
    return None if caller.nip == nip else OBJECTION_FILE


def may_decide_objection(caller: Caller, superior_nip: str) -> str | None:
    return None if caller.nip == superior_nip else OBJECTION_DECIDE


def may_take_document_step(caller: Caller, act: Act, document: DocumentParties) -> str | None:
    if act is Act.DELIVER:
        return None if caller.nip == document.evaluator else DELIVER
    parties = {document.nip, document.evaluator, document.superior} - {None}
    return None if caller.nip in parties else SIGN


# -- reading one ASN's records ----------------------------------------------------------------

EMPLOYEE_READ = (
    "an ASN's plan, ratings, evidence and document are read by the ASN, their evaluator, the "
    "evaluator's superior, the head of their unit and the auditor role (UU 20/2023 Pasal 43; "
    "PP 30/2019 Pasal 50, 59; docs/regulation.md 1.1, 1.6, 1.10)"
)


def may_read_employee(caller: Caller, around: Around, also: Collection[str] = ()) -> str | None:
    """Read one ASN's records; `also`: parties the record itself names (a document's)."""
    if caller.has(Role.AUDITOR):
        return None
    readers = {around.nip, around.evaluator, around.evaluator_superior, around.unit_head, *also}
    return None if caller.nip in readers - {None} else EMPLOYEE_READ
