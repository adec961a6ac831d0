"""Notifications: the signed-webhook channel, sender side (no network: httpx.MockTransport)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from pydantic import ValidationError
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from asn_notifications.adapters.subscribers_file import load_subscribers
from asn_notifications.adapters.webhook_sender import USER_AGENT, WebhookSender, sign
from asn_notifications.domain.delivery import (
    BODY_TYPE,
    OutgoingWebhook,
    PermanentMailError,
    PermanentWebhookError,
    TransientWebhookError,
    classify_status,
    is_permanent,
    webhook_body,
)
from asn_notifications.domain.webhooks import WebhookSubscriber, generate_secret
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.envelope import new_event

# 32 fixed bytes, so a test failure shows the same secret every run (and the known answer holds).
SECRET = "whsec_" + base64.b64encode(bytes(range(32))).decode()
OTHER_SECRET = "whsec_" + base64.b64encode(bytes(range(100, 132))).decode()
URL = "https://bkd.jatengprov.example/hooks/asn?token=url-token-7"
ASN_NIP = "198703122010011004"
BODY_MARKER = "Siti Rahma, rahasia isi"  # must never reach an error message


def subscriber(**overrides: Any) -> WebhookSubscriber:
    values: dict[str, Any] = {
        "id": "bkd-jateng",
        "url": URL,
        "secret": SECRET,
        "event_types": ["SanctionImposed", "PerformanceRated"],
    }
    return WebhookSubscriber(**{**values, **overrides})


def entry(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": "bkd-jateng",
        "url": URL,
        "secret": SECRET,
        "event_types": ["SanctionImposed"],
    }
    return {**values, **overrides}


def write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "webhooks.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    return path


def assert_no_secret(text: str, *secrets: str) -> None:
    for secret in secrets or (SECRET,):
        if payload := secret.removeprefix("whsec_").removeprefix("WHSEC_"):  # not just a prefix
            assert payload not in text


# --- the subscriber ---------------------------------------------------------------------------


def test_a_valid_subscriber() -> None:
    sub = subscriber(unit_ids=["dinkes", " bkd "])
    assert sub.id == "bkd-jateng"
    assert str(sub.url) == URL
    assert sub.event_types == {"SanctionImposed", "PerformanceRated"}
    assert sub.unit_ids == {"dinkes", "bkd"}
    assert sub.secret.get_secret_value() == SECRET
    assert subscriber().unit_ids == frozenset()


def test_the_secret_never_shows_in_repr_str_or_dumps() -> None:
    sub = subscriber()
    for text in (repr(sub), str(sub), sub.model_dump_json(), repr(sub.model_dump())):
        assert_no_secret(text)
    assert "**********" in repr(sub)


def test_generated_secrets_are_valid_and_fresh() -> None:
    first, second = generate_secret(), generate_secret()
    assert first != second
    assert len(base64.b64decode(first.removeprefix("whsec_"))) == 32
    assert subscriber(secret=first).secret.get_secret_value() == first
    with pytest.raises(ValueError, match="at least 24"):
        generate_secret(16)


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        (base64.b64encode(bytes(32)).decode(), "must start with 'whsec_'"),
        ("whsec_", "followed by standard base64"),
        ("whsec_not*base64!at-all_here__", "followed by standard base64"),
        ("whsec_" + "A" * 33, "not valid base64"),  # 33 characters: no base64 length
        ("whsec_" + base64.b64encode(bytes(23)).decode(), "decodes to 23 bytes, at least 24"),
        ("WHSEC_" + base64.b64encode(bytes(32)).decode(), "must start with 'whsec_'"),
    ],
)
def test_a_bad_secret_is_refused_without_being_quoted(secret: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        subscriber(secret=secret)
    errors = caught.value.errors()
    assert [e["loc"] for e in errors] == [("secret",)]
    assert reason in errors[0]["msg"]
    assert_no_secret(str(caught.value), secret)
    assert_no_secret(repr(caught.value), secret)


def test_an_unpadded_secret_is_accepted_as_receivers_accept_it() -> None:
    unpadded = "whsec_" + base64.b64encode(bytes(range(25))).decode().rstrip("=")
    sub = subscriber(secret=unpadded)
    headers = sign(sub, "n-1", int(time.time()), b"{}")
    Webhook(unpadded).verify(b"{}", headers)


@pytest.mark.parametrize(
    "url",
    ["ftp://bkd.example/hooks", "bkd.example/hooks", "", "https://", "mailto:bkd@example.org"],
)
def test_a_bad_url_is_refused(url: str) -> None:
    with pytest.raises(ValidationError) as caught:
        subscriber(url=url)
    assert [e["loc"] for e in caught.value.errors()] == [("url",)]


def test_credentials_in_the_url_are_refused_and_not_quoted() -> None:
    with pytest.raises(ValidationError, match="user:password") as caught:
        subscriber(url="https://bkd:hunter2-pass@bkd.example/hooks")
    assert "hunter2-pass" not in str(caught.value)


def test_plain_http_is_allowed() -> None:
    assert str(subscriber(url="http://10.1.2.3:8080/hook").url) == "http://10.1.2.3:8080/hook"


@pytest.mark.parametrize("bad_id", ["", "BKD", "bkd_jateng", "bkd jateng", "a" * 65, "bkd/x"])
def test_a_bad_id_is_refused(bad_id: str) -> None:
    with pytest.raises(ValidationError) as caught:
        subscriber(id=bad_id)
    assert [e["loc"] for e in caught.value.errors()] == [("id",)]


def test_an_unknown_event_type_is_refused_with_a_hint() -> None:
    with pytest.raises(ValidationError, match="unknown event type 'SanctionImposd'") as caught:
        subscriber(event_types=["SanctionImposd"])
    assert "did you mean 'SanctionImposed'" in str(caught.value)
    with pytest.raises(ValidationError, match="unknown event type 'sanction.imposed.v1'"):
        subscriber(event_types=["sanction.imposed.v1"])  # a routing key is not a type name


def test_every_catalog_event_type_but_complaint_received_is_accepted() -> None:
    from asn_shared.catalog import all_events

    names = {m.event_type for m in all_events()} - {"ComplaintReceived"}
    assert subscriber(event_types=sorted(names)).event_types == names


def test_complaint_received_is_refused_because_it_carries_a_citizens_data() -> None:
    with pytest.raises(ValidationError) as caught:
        subscriber(event_types=["SanctionImposed", "ComplaintReceived"])
    message = caught.value.errors()[0]["msg"]
    assert "ComplaintReceived cannot be delivered by webhook" in message
    assert "personal data" in message


def test_event_types_must_not_be_empty_and_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        subscriber(event_types=[])
    assert [e["loc"] for e in caught.value.errors()] == [("event_types",)]
    with pytest.raises(ValidationError, match="Extra inputs"):
        subscriber(secrett=SECRET)


def test_accepts_by_event_type_and_unit() -> None:
    everywhere = subscriber()
    assert everywhere.accepts("SanctionImposed", "dinkes")
    assert everywhere.accepts("SanctionImposed", None)
    assert not everywhere.accepts("RewardGranted", "dinkes")
    some_units = subscriber(unit_ids=["dinkes"])
    assert some_units.accepts("SanctionImposed", "dinkes")
    assert not some_units.accepts("SanctionImposed", "bkd")
    assert not some_units.accepts("SanctionImposed", None)  # unknown unit: fail closed


# --- the subscribers file ---------------------------------------------------------------------


def test_load_subscribers(tmp_path: Path) -> None:
    second = entry(id="inspektorat", url="http://127.0.0.1:9000/x", unit_ids=["dinkes"])
    path = write(tmp_path, {"subscribers": [entry(), second]})
    loaded = load_subscribers(path)
    assert [s.id for s in loaded] == ["bkd-jateng", "inspektorat"]
    assert loaded[1].unit_ids == {"dinkes"}
    assert load_subscribers(write(tmp_path, {"subscribers": []})) == ()


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, {"subscribers": [entry(), entry(url="https://other.example/")]})
    with pytest.raises(ValueError) as caught:
        load_subscribers(path)
    message = str(caught.value)
    assert str(path) in message
    assert "subscribers[1]" in message
    assert "duplicate id 'bkd-jateng', already used by subscribers[0]" in message
    assert_no_secret(message)


def test_an_invalid_entry_names_file_index_and_field_but_not_the_secret(tmp_path: Path) -> None:
    short = "whsec_" + base64.b64encode(b"short secret").decode()
    path = write(
        tmp_path,
        {"subscribers": [entry(), entry(id="inspektorat", secret=short, url="ftp://x")]},
    )
    with pytest.raises(ValueError) as caught:
        load_subscribers(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: subscribers[1] (id 'inspektorat'): ")
    assert "secret: decodes to 12 bytes" in message
    assert "url: URL scheme should be 'http' or 'https'" in message
    assert_no_secret(message, short)
    assert caught.value.__cause__ is None


def test_an_unknown_event_type_in_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, {"subscribers": [entry(event_types=["ComplaintReceived"])]})
    with pytest.raises(ValueError, match=r"subscribers\[0\].*event_types: ComplaintReceived"):
        load_subscribers(path)


def test_bad_json_names_the_file_and_place_but_never_echoes_the_text(tmp_path: Path) -> None:
    text = json.dumps({"subscribers": [entry()]}).replace('"secret"', "secret")
    path = write(tmp_path, text)
    with pytest.raises(ValueError) as caught:
        load_subscribers(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not valid JSON: ")
    assert "line 1, column" in message
    assert_no_secret(message)


def test_unreadable_or_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read the webhook subscribers file") as caught:
        load_subscribers(tmp_path / "missing.json")
    assert "missing.json" in str(caught.value)
    with pytest.raises(ValueError, match="cannot read"):
        load_subscribers(tmp_path)  # a directory
    (tmp_path / "latin1.json").write_bytes(b'{"subscribers": ["\xff"]}')
    with pytest.raises(ValueError, match="not UTF-8"):
        load_subscribers(tmp_path / "latin1.json")


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ([entry()], 'expected a JSON object {"subscribers": [...]}'),
        ({"subscriber": [entry()]}, 'expected a JSON object {"subscribers": [...]}'),
        ({"subscribers": {"bkd": entry()}}, 'expected a JSON object {"subscribers": [...]}'),
        ({"subscribers": [], "version": 2}, "unknown top-level key(s) 'version'"),
        ({"subscribers": [SECRET]}, "subscribers[0]: expected a JSON object, got str"),
    ],
)
def test_a_badly_shaped_file(tmp_path: Path, document: Any, expected: str) -> None:
    path = write(tmp_path, document)
    with pytest.raises(ValueError) as caught:
        load_subscribers(path)
    assert str(caught.value) == f"{path}: {expected}"


# --- signing ----------------------------------------------------------------------------------


def test_signed_headers_verify_with_the_standard_webhooks_library() -> None:
    body = b'{"type":"asn.notification.v1","x":"\xc3\xa9"}'
    now = int(time.time())
    headers = sign(subscriber(), "notif-1", now, body)
    assert headers == {
        "webhook-id": "notif-1",
        "webhook-timestamp": str(now),
        "webhook-signature": headers["webhook-signature"],
        "content-type": "application/json",
        "user-agent": USER_AGENT,
    }
    assert Webhook(SECRET).verify(body, headers) == json.loads(body)
    with pytest.raises(WebhookVerificationError):
        Webhook(OTHER_SECRET).verify(body, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(body + b" ", headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(body, {**headers, "webhook-id": "notif-2"})


def test_the_signature_is_the_specified_hmac() -> None:
    """Checked by hand against the spec, independently of the library that computes it."""
    body = b'{"a":1}'
    headers = sign(subscriber(), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)
    key = base64.b64decode(SECRET.removeprefix("whsec_"))
    mac = hmac.new(key, b"msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330." + body, hashlib.sha256)
    assert headers["webhook-signature"] == "v1," + base64.b64encode(mac.digest()).decode()
    assert headers["webhook-timestamp"] == "1614265330"


def test_a_stale_timestamp_is_refused_by_receivers() -> None:
    """Why the sender signs at send time: a signature made at record time goes stale."""
    stale = int(time.time()) - 3600
    headers = sign(subscriber(), "notif-1", stale, b"{}")
    with pytest.raises(WebhookVerificationError, match="too old"):
        Webhook(SECRET).verify(b"{}", headers)


def test_sign_refuses_a_bad_id_or_timestamp() -> None:
    with pytest.raises(ValueError):
        sign(subscriber(), "", 1, b"{}")
    with pytest.raises(ValueError):
        sign(subscriber(), "a\r\nx-evil: 1", 1, b"{}")
    with pytest.raises(TypeError):
        sign(subscriber(), "a", 1.5, b"{}")  # type: ignore[arg-type]


# --- the body ---------------------------------------------------------------------------------


def body_args(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "notification_id": "8b0e4f7a-0000-4000-8000-000000000001",
        "template": "hukuman_disiplin",
        "recipient_role": "SUBSCRIBER",
        "recipient_nip": None,
        "event_id": "evt-1",
        "event_type": "SanctionImposed",
        "event_time": datetime(2026, 10, 5, 20, 30, tzinfo=UTC),
        "subject": ASN_NIP,
        "data": {"nip": ASN_NIP, "b": [{"z": 1, "a": 2}], "a": "Dinas Kesehatan – Sumbar"},
    }
    return {**values, **overrides}


def test_body_shape_is_compact_utf8_json_in_a_fixed_key_order() -> None:
    body = webhook_body(**body_args())
    assert (
        body
        == (
            '{"type":"asn.notification.v1",'
            '"notification_id":"8b0e4f7a-0000-4000-8000-000000000001",'
            '"template":"hukuman_disiplin",'
            '"recipient":{"role":"SUBSCRIBER","nip":null},'
            '"event":{"id":"evt-1","type":"SanctionImposed","time":"2026-10-05T20:30:00Z",'
            f'"subject":"{ASN_NIP}",'
            f'"data":{{"a":"Dinas Kesehatan – Sumbar","b":[{{"a":2,"z":1}}],"nip":"{ASN_NIP}"}}}}}}'
        ).encode()
    )
    parsed = json.loads(body)
    assert list(parsed) == ["type", "notification_id", "template", "recipient", "event"]
    assert list(parsed["event"]) == ["id", "type", "time", "subject", "data"]
    assert parsed["type"] == BODY_TYPE


def test_body_is_stable_whatever_the_order_of_the_data() -> None:
    one = webhook_body(**body_args(data={"x": 1, "y": {"q": 1, "p": 2}}))
    two = webhook_body(**body_args(data={"y": {"p": 2, "q": 1}, "x": 1}))
    assert one == two


def test_body_serialises_python_values_like_the_cloudevent_does() -> None:
    jakarta = datetime(2026, 10, 6, 3, 30, tzinfo=UTC).astimezone(ZoneInfo("Asia/Jakarta"))
    body = json.loads(
        webhook_body(
            **body_args(
                event_time=jakarta,
                recipient_nip=ASN_NIP,
                data={"day": date(2026, 10, 6), "amount": Decimal("1.50"), "at": jakarta},
            )
        )
    )
    assert body["event"]["time"] == "2026-10-06T03:30:00Z"
    assert body["recipient"]["nip"] == ASN_NIP
    assert body["event"]["data"] == {
        "amount": "1.50",
        "at": "2026-10-06T10:30:00+07:00",
        "day": "2026-10-06",
    }
    with pytest.raises(ValueError, match="timezone-aware"):
        webhook_body(**body_args(event_time=datetime(2026, 10, 6, 3, 30)))


def test_body_from_a_real_cloudevent() -> None:
    rated = PerformanceRated(
        nip=ASN_NIP,
        period="2026-Q3",
        rating_hasil_kerja="DI_BAWAH_EKSPEKTASI",
        rating_perilaku_kerja="SESUAI_EKSPEKTASI",
        predikat="BUTUH_PERBAIKAN",
        rated_at=datetime(2026, 10, 5, 20, 30, tzinfo=UTC),
    )
    event = new_event(rated, source="/asn-kinerja/assessment")
    body = webhook_body(
        notification_id="n-1",
        template="penilaian_kinerja",
        recipient_role="SUBSCRIBER",
        recipient_nip=None,
        event_id=event.id,
        event_type=event.type,
        event_time=event.time,
        subject=event.subject,
        data=event.data or {},
    )
    parsed = json.loads(body)
    assert parsed["event"]["type"] == "PerformanceRated"
    assert parsed["event"]["subject"] == ASN_NIP
    assert parsed["event"]["data"] == json.loads(event.to_json_bytes())["data"]


# --- sending and the classification of failures -----------------------------------------------


class Recorder:
    """A MockTransport handler answering `status`, or raising `error`, and keeping requests."""

    def __init__(self, status: int = 204, error: Exception | None = None, **headers: str):
        self.status, self.error, self.headers = status, error, headers
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.error is not None:
            raise self.error
        return httpx.Response(self.status, headers=self.headers, text="refused: " + BODY_MARKER)


def delivery(sub: WebhookSubscriber | None = None) -> OutgoingWebhook:
    body = webhook_body(**body_args(data={"note": BODY_MARKER}))
    return OutgoingWebhook("notif-42", sub or subscriber(), body)


def test_outgoing_webhook_repr_shows_only_the_ids() -> None:
    out = delivery()
    assert repr(out) == "OutgoingWebhook(notification_id='notif-42', subscriber='bkd-jateng')"
    assert str(out) == repr(out)


@pytest.mark.asyncio
async def test_a_send_posts_the_signed_body_once_with_the_default_timeout() -> None:
    handler = Recorder(200)
    sender = WebhookSender(transport=httpx.MockTransport(handler))
    out = delivery()
    await sender.send(out)
    await sender.aclose()
    [request] = handler.requests
    assert request.method == "POST"
    assert str(request.url) == URL
    assert request.content == out.body
    assert request.headers["content-type"] == "application/json"
    assert request.headers["user-agent"] == USER_AGENT
    assert request.headers["webhook-id"] == "notif-42"
    assert abs(int(request.headers["webhook-timestamp"]) - time.time()) < 5
    Webhook(SECRET).verify(request.content, dict(request.headers))
    assert request.extensions["timeout"] == {
        "connect": 10.0,
        "read": 10.0,
        "write": 10.0,
        "pool": 10.0,
    }


@pytest.mark.asyncio
async def test_each_attempt_is_signed_afresh_under_the_same_webhook_id() -> None:
    handler = Recorder(503)
    times = iter([1_800_000_000.0, 1_800_000_030.7])
    sender = WebhookSender(transport=httpx.MockTransport(handler), clock=lambda: next(times))
    for _ in range(2):
        with pytest.raises(TransientWebhookError):
            await sender.send(delivery())
    await sender.aclose()
    first, second = handler.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == "notif-42"
    assert first.headers["webhook-timestamp"] == "1800000000"
    assert second.headers["webhook-timestamp"] == "1800000030"
    assert first.headers["webhook-signature"] != second.headers["webhook-signature"]
    assert first.content == second.content


SUCCESS = [200, 201, 202, 204, 299]
PERMANENT = [301, 302, 303, 307, 308, 400, 401, 403, 404, 405, 410, 413, 415, 422, 451]
TRANSIENT = [408, 409, 425, 429, 500, 501, 502, 503, 504, 507, 599]


@pytest.mark.parametrize(
    ("status", "outcome"),
    [(s, None) for s in SUCCESS]
    + [(s, PermanentWebhookError) for s in PERMANENT]
    + [(s, TransientWebhookError) for s in TRANSIENT],
)
@pytest.mark.asyncio
async def test_status_code_classification(status: int, outcome: type[Exception] | None) -> None:
    assert classify_status(status) is outcome
    handler = Recorder(status, location="https://elsewhere.example/")
    sender = WebhookSender(transport=httpx.MockTransport(handler))
    try:
        if outcome is None:
            await sender.send(delivery())
            return
        with pytest.raises(outcome) as caught:
            await sender.send(delivery())
    finally:
        await sender.aclose()
    assert len(handler.requests) == 1  # a redirect is not followed
    exc = caught.value
    message = str(exc)
    assert f"HTTP {status}" in message
    assert "'bkd-jateng'" in message
    assert (exc.status_code, exc.subscriber_id) == (status, "bkd-jateng")
    assert is_permanent(exc) is (outcome is PermanentWebhookError)
    for leak in (BODY_MARKER, "url-token-7", "bkd.jatengprov.example"):
        assert leak not in message
    assert_no_secret(message)


@pytest.mark.parametrize(
    ("error", "outcome"),
    [
        (httpx.ConnectTimeout("slow"), TransientWebhookError),
        (httpx.ReadTimeout("slow"), TransientWebhookError),
        (httpx.WriteTimeout("slow"), TransientWebhookError),
        (httpx.PoolTimeout("slow"), TransientWebhookError),
        (httpx.ConnectError("refused"), TransientWebhookError),
        (httpx.ReadError("reset"), TransientWebhookError),
        (httpx.RemoteProtocolError("garbage"), TransientWebhookError),
        (httpx.ProxyError("proxy down"), TransientWebhookError),
        (httpx.UnsupportedProtocol("nope"), PermanentWebhookError),
    ],
)
@pytest.mark.asyncio
async def test_transport_failure_classification(error: Exception, outcome: type[Exception]) -> None:
    sender = WebhookSender(transport=httpx.MockTransport(Recorder(error=error)))
    with pytest.raises(outcome) as caught:
        await sender.send(delivery())
    await sender.aclose()
    message = str(caught.value)
    assert type(error).__name__ in message
    assert "'bkd-jateng'" in message
    assert caught.value.status_code is None
    assert caught.value.__cause__ is None
    assert BODY_MARKER not in message
    assert_no_secret(message)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("120", 120.0), ("soon", None), (None, None)],
)
@pytest.mark.asyncio
async def test_retry_after_is_kept_on_a_transient_error(
    header: str | None, seconds: float | None
) -> None:
    headers = {"retry-after": header} if header else {}
    sender = WebhookSender(transport=httpx.MockTransport(Recorder(429, **headers)))
    with pytest.raises(TransientWebhookError) as caught:
        await sender.send(delivery())
    await sender.aclose()
    assert caught.value.retry_after == seconds


@pytest.mark.asyncio
async def test_retry_after_as_an_http_date() -> None:
    when = (datetime.now(UTC) + timedelta(seconds=90)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    sender = WebhookSender(transport=httpx.MockTransport(Recorder(503, **{"retry-after": when})))
    with pytest.raises(TransientWebhookError) as caught:
        await sender.send(delivery())
    await sender.aclose()
    assert 80 <= (caught.value.retry_after or 0) <= 91


def test_is_permanent_covers_both_channels() -> None:
    assert is_permanent(PermanentMailError("recipient refused"))
    assert is_permanent(PermanentWebhookError("x", subscriber_id="a"))
    assert not is_permanent(TransientWebhookError("x", subscriber_id="a"))
    assert not is_permanent(OSError("smtp down"))


@pytest.mark.asyncio
async def test_the_sender_closes_its_client() -> None:
    handler = Recorder(204)
    async with WebhookSender(timeout=2.5, transport=httpx.MockTransport(handler)) as sender:
        await sender.send(delivery())
    assert handler.requests[0].extensions["timeout"]["read"] == 2.5
    with pytest.raises(RuntimeError):
        await sender.send(delivery())
    with pytest.raises(ValueError):
        WebhookSender(timeout=0)
