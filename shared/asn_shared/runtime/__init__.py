"""What turns a service's handlers, tables and routes into a running process and a CLI."""

from .definition import ServiceDefinition

__all__ = ["ServiceDefinition"]
