"""The assessment service: the system of record for ratings and predikat."""
