"""A complaint step's note, sealed into the act that carries it (ComplaintStepTaken.sealed_note).

A note is free text, the complainant's own on their steps, and may quote them; events never
carry such text in clear (README, Privacy). So it travels as the complainant's contact does
(asn_shared.sealing): a Fernet token under FEEDBACK_CONTACT_KEY, held by this service and
notifications only. The step keeps the note in clear in `complaint_steps`, as before; a rebuild
opens the seal again with the same keys (the first key seals, all of them open).
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from pydantic import SecretStr

from asn_shared.sealing import SealError


class NoteSeal:
    def __init__(self, keys: SecretStr) -> None:
        parts = [k.strip() for k in keys.get_secret_value().split(",") if k.strip()]
        # The setting was checked at start-up (asn_shared.sealing.ContactKeySetting).
        self._fernet = MultiFernet([Fernet(k.encode()) for k in parts])

    def seal(self, note: str) -> str:
        return self._fernet.encrypt(note.encode()).decode()

    def open(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except (InvalidToken, ValueError):
            raise SealError("the sealed note cannot be opened with this service's keys") from None


def note_seal(keys: SecretStr | None) -> NoteSeal | None:
    """The seal for FEEDBACK_CONTACT_KEY; None when it is not set."""
    return NoteSeal(keys) if keys is not None else None
