"""The feedback service's acts as events (docs/events-beyond-v1.md): each step has its legal
basis and its actor rule, the events refuse what a command never records, and a step's note
travels sealed."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import SecretStr, ValidationError

from asn_feedback.adapters.notes import NoteSeal
from asn_feedback.domain.acts import OFFICIALS_BASIS, SKM_BASIS, STEP_BASIS
from asn_feedback.domain.lifecycle import Action
from asn_feedback.domain.permissions import is_officials_step
from asn_feedback.domain.steps import CLASSIFYING, DESK_ACTIONS, HEAD_ACTIONS
from asn_shared.catalog.feedback_acts import (
    COMPLAINANT_STEPS,
    ComplaintOfficialsNamed,
    ComplaintStepTaken,
    LangkahPengaduan,
)
from asn_shared.sealing import SealError, generate_key

DESK = "198001012005011001"


def step(action: Action, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "complaint_id": "LAP-1",
        "channel": "SP4N-LAPOR!",
        "unit_id": "dukcapil-kotabumi",
        "action": action,
        "actor_nip": None if action in COMPLAINANT_STEPS else DESK,
        "legal_basis": list(STEP_BASIS[action]),
    }
    return values | changes


def test_every_step_has_a_legal_basis_and_the_catalogs_steps_are_the_domains() -> None:
    assert Action is LangkahPengaduan
    assert set(STEP_BASIS) == set(Action)
    assert all(STEP_BASIS[a] for a in Action) and OFFICIALS_BASIS and SKM_BASIS
    # The complainant's steps name no actor: exactly those no official takes.
    assert COMPLAINANT_STEPS == set(Action) - DESK_ACTIONS - HEAD_ACTIONS
    assert all(is_officials_step(a) != (a in COMPLAINANT_STEPS) for a in Action)
    assert CLASSIFYING <= DESK_ACTIONS


@pytest.mark.parametrize("action", list(Action))
def test_a_step_names_its_official_and_never_the_complainant(action: Action) -> None:
    decision = {"decision": "TERBUKTI"} if action is Action.DECIDE else {}
    ComplaintStepTaken.model_validate(step(action, **decision))
    other = None if action not in COMPLAINANT_STEPS else DESK
    with pytest.raises(ValidationError, match="actor_nip"):
        ComplaintStepTaken.model_validate(step(action, actor_nip=other, **decision))


def test_a_decision_goes_with_decide_only_and_is_one_of_the_two() -> None:
    with pytest.raises(ValidationError, match="DECIDE only"):
        ComplaintStepTaken.model_validate(step(Action.DECIDE))
    with pytest.raises(ValidationError, match="DECIDE only"):
        ComplaintStepTaken.model_validate(step(Action.DECIDE, decision="DICABUT"))
    with pytest.raises(ValidationError, match="DECIDE only"):
        ComplaintStepTaken.model_validate(step(Action.NOTIFY, decision="TERBUKTI"))
    with pytest.raises(ValidationError, match="legal_basis"):
        ComplaintStepTaken.model_validate(step(Action.NOTIFY, legal_basis=[]))


def test_officials_named_keep_what_was_given_exactly() -> None:
    named = ComplaintOfficialsNamed(
        unit_id=" dukcapil ",
        desk_nip=DESK,
        desk_position=" Pengelola Pengaduan",
        head_nip="197501012000031002",
        head_position="Kepala Dinas",
        actor_nip="197201012000031001",
        legal_basis=list(OFFICIALS_BASIS),
    )
    # As the command stored them (not stripped), so that a rebuild stores the same.
    assert (named.unit_id, named.desk_position) == (" dukcapil ", " Pengelola Pengaduan")
    assert named.subject() == " dukcapil "


def test_a_note_is_sealed_and_opens_with_any_of_the_keys_only() -> None:
    old, new = generate_key(), generate_key()
    token = NoteSeal(SecretStr(old)).seal("Pelapor dihubungi")
    assert "Pelapor" not in token
    assert NoteSeal(SecretStr(f"{new},{old}")).open(token) == "Pelapor dihubungi"  # rotated
    with pytest.raises(SealError):
        NoteSeal(SecretStr(new)).open(token)
    with pytest.raises(SealError):
        NoteSeal(SecretStr(old)).open("not a token")
