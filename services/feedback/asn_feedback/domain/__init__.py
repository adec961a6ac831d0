"""The feedback domain: the regulation's rules as pure Python (no I/O, no framework).

- complaints: receipt (tanda terima), the 14-day response and 30-day filing limits, privacy
  (UU 25/2009, docs/regulation.md section 5)
- lifecycle: a complaint's statuses, the steps between them and their deadlines (UU 25/2009,
  SP4N-LAPOR!, docs/regulation.md 5.1, 5.3 and 7)
- steps: who takes each step and what it records
- permissions: who may call what (the token's caller, the unit's officials, the receipt)
- statistics: a unit's public complaint figures (Pasal 37(3))
- skm: the SKM index, its mutu band and the sample a unit needs (PermenPANRB 14/2017,
  docs/regulation.md section 4)
- periods: the evaluation periods citizen feedback is summarised for (PP 30/2019 Pasal 29(4))
"""
