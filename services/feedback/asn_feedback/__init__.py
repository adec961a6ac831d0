"""The feedback service: citizen complaints received, acknowledged and tracked to deadlines."""
