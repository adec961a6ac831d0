"""PP 94/2021 (Disiplin PNS) and PP 79/2021 (Upaya Administratif) as pure Python tables.

- `catalogue`: the punishments in order of severity (Pasal 8), the PP 53/2010 sedang types of the
  Pasal 42 transitional rule, the heaviest of several (Pasal 33) and the step up for a repeat.
- `attendance`: cumulative unexcused absence per year (Pasal 9-11, 15(1)) and ten consecutive
  working days (Pasal 11(2)(d)(4), 15(2)).
- `authority/`: who may impose what (Pejabat yang Berwenang Menghukum, Pasal 16-25), one module
  per role: the President, the PPK, the officials of the line, and the walk up the line.
- `deadlines`: summons, delivery and effect (Pasal 26, 37, 38) and the PP 79/2021 time limits,
  remedies and outcomes.
- `workflow`: the statuses of a case and the order the law puts its steps in.
- `suspicions`: what a case is opened on (an absence row, a complaint, a missed deadline).
- `rules`: the instance's choices where the regulation leaves one.

No I/O, no database and no settings: which sedang catalogue applies and which holidays count are
the caller's arguments.
"""
