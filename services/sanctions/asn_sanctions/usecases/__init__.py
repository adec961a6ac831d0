"""The sanctions use cases: each takes the unit of work (adapters/unit_of_work.py) first, loads
through its repositories, applies the domain and emits events through `uow.emit`.

- `ratings`: a profile or a rating received; `followups` and `rewards`: what a rating calls for.
- `coaching/`: the improvement window, the re-test and placement, rotation recommendations.
- `discipline/`: opening cases, the officials' steps, the decision, the remedies, the deadlines.
- `unit_service`: a unit's SKM and complaints over periods, and its head's rotation.
- `access`: the directory facts the permission rules need; `past`: a step recorded as done is
  not dated after today.
"""
