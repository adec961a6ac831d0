"""Assessment settings: the shared ones with the ASSESSMENT_ prefix (see README)."""

from asn_shared.settings import ServiceSettings, service_config


class AssessmentSettings(ServiceSettings):
    model_config = service_config("ASSESSMENT_")

    service_name: str = "assessment"
    http_port: int = 8101
