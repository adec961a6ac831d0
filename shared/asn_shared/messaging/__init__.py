"""Broker plumbing: topology, publishing with confirms, consuming CloudEvents."""
