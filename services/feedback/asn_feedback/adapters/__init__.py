"""Everything that touches the outside world: the tables (tables.py), one repository per family
(complaints, handling, satisfaction, open311) and the unit of work that holds them together."""
