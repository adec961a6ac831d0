"""Sanctions settings: the shared ones with the SANCTIONS_ prefix (see README)."""

from asn_shared.settings import ServiceSettings, service_config


class SanctionsSettings(ServiceSettings):
    model_config = service_config("SANCTIONS_")

    service_name: str = "sanctions"
    http_port: int = 8103
