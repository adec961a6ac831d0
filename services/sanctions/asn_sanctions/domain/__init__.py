"""The sanctions service's rules as pure Python: no I/O, no database, no settings read here.

- `follow_up`: what a Predikat Kinerja Pegawai calls for (coaching, rewards, training).
- `coaching/`: the chain after the improvement window (PP 30/2019 Pasal 57-58) and rotations.
- `discipline/`: PP 94/2021 and PP 79/2021 as tables: punishments, absence, authority, deadlines,
  the workflow's steps.
- `service_decline`: when a unit's declining service calls for rotating its head (seed 000).
- `dates`: Asia/Jakarta calendar dates and the moments deadlines pass.
"""
