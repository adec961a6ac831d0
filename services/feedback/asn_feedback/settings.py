"""Feedback settings: the shared ones with the FEEDBACK_ prefix (see README)."""

from asn_shared.settings import ServiceSettings, service_config


class FeedbackSettings(ServiceSettings):
    model_config = service_config("FEEDBACK_")

    service_name: str = "feedback"
    http_port: int = 8102
