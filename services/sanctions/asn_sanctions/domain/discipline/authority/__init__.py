"""Who may impose a punishment: Pejabat yang Berwenang Menghukum (PP 94/2021 Pasal 16-25).

One module per role: `presiden` (Pasal 17), `ppk` (Pasal 18), `line` (the officials in the civil
servant's line, Pasal 19-23), and `competence`, which asks them in turn: `direct_authority` is
the text of Pasal 17-23 for one official, `lowest_competent` walks the civil servant's line
upwards (their superiors, then the PPK, then the President) to the first official the text makes
competent, and `may_impose` adds Pasal 25 ("no PyBM -> the higher official"), read as: an
official at or above the lowest competent one in that line may impose too. `levels` holds the
posts, the officials and the answer.

Readings where the text is not explicit (each also said where it is applied):

- Kepala Perwakilan RI (Pasal 19) has the same rule as a JPT Madya (Pasal 20) and is passed as
  PejabatLevel.JPT_MADYA; the article cited is Pasal 20.
- "1 / 2 levels below" is the civil servant's place in the official's line of reporting, given by
  the caller, not a difference of ranks: where there is no pengawas post a pelaksana is one level
  below their administrator.
- "JF" in Pasal 21-23 means the other functional posts (JF_LAINNYA) in the official's unit, at
  any depth: a JF Ahli Utama is named separately in Pasal 17-18 and only there.
- Where the text gives nothing (a JPT Madya over a JF, anyone below the President over a JPT
  Utama, a JPT Madya in a kabupaten/kota) the answer is a refusal, not an invented rule.

Pasal 24 (the PyBM must punish; one who does not, or punishes out of measure, is punished more
heavily by their superior) is a duty of the workflow, not a rule of competence, and is not here.
"""

from .competence import NO_PYBM_ARTICLE, direct_authority, lowest_competent, may_impose
from .levels import (
    HIERARCHY,
    LINE_OFFICIALS,
    Authority,
    InstansiKind,
    JabatanLevel,
    PejabatLevel,
    Superior,
)
from .line import LINE_RULES, LineRule
from .ppk import PPK_RULES
from .presiden import PRESIDEN_ARTICLE

__all__ = [
    "HIERARCHY",
    "LINE_OFFICIALS",
    "LINE_RULES",
    "NO_PYBM_ARTICLE",
    "PPK_RULES",
    "PRESIDEN_ARTICLE",
    "Authority",
    "InstansiKind",
    "JabatanLevel",
    "LineRule",
    "PejabatLevel",
    "Superior",
    "direct_authority",
    "lowest_competent",
    "may_impose",
]
