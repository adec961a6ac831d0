"""What the feedback API answers to bad input, through the app production serves (the harness
builds `service_api`): a refusal naming the field and never the value, not a 500; dates after
today refused where the step is in the past; the times it reads back keeping their offset (SQLite
hands them back naive) and compared as instants; statuses its OpenAPI document declares.

The 5xx found before (issue 15, schemathesis): `GET .../statistics?period=0000` (and 9999,
0000-Q1: a year without a first day or without a day after its last), a non-UTF-8 Open311 body,
a complainant's step with a receipt that is not ASCII (hmac.compare_digest's TypeError), and
on PostgreSQL a NUL character anywhere (now the shared guard's 400).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest

from asn_feedback.api import ROUTERS
from asn_feedback.settings import FeedbackSettings
from asn_shared.runtime.http import service_api
from tests.integration.test_feedback_handling import OFFICIALS, complaint
from tests.integration.test_feedback_open311 import services_file
from tests.integration.test_feedback_satisfaction import UNIT, feedback, survey

SECRET = "Diminta-biaya-tambahan-SECRET"  # what a refusal must never echo


def _says_nothing_sent(response, *sent: str) -> None:
    for value in (SECRET, *sent):
        assert value not in response.text, response.text


# --- periods -----------------------------------------------------------------------------------


@pytest.mark.parametrize("period", ["0000", "9999", "0000-Q1", "9999-12", "1999", "2101-S1"])
async def test_a_period_of_a_year_with_no_days_to_count_is_422_not_500(database_url, period):
    async with feedback(database_url) as f:
        stats = await f.client.get(f"/api/v1/units/{UNIT}/statistics", params={"period": period})
        assert stats.status_code == 422, stats.text
        [problem] = stats.json()["detail"]
        assert problem["loc"] == ["query", "period"] and set(problem) == {"type", "loc", "msg"}
        measured = await f.admin.post(f"/api/v1/units/{UNIT}/skm/{period}", json={})
        assert measured.status_code == 422, measured.text
        assert measured.json()["detail"][0]["loc"] == ["path", "period"]


@pytest.mark.parametrize("period", ["2000", "2000-01", "2100", "2100-Q4", "2100-12", "2026-S2"])
async def test_the_first_and_last_years_known_are_counted(tmp_path, period):
    async with feedback(f"sqlite+aiosqlite:///{tmp_path / 'f.db'}") as f:
        stats = await f.client.get(f"/api/v1/units/{UNIT}/statistics", params={"period": period})
        assert stats.status_code == 200, stats.text
        assert stats.json()["complaints"]["received"] == 0


# --- Open311: GeoReport's error shape, never the value -----------------------------------------


async def test_a_non_utf8_open311_body_is_georeports_400(tmp_path):
    async with feedback(
        f"sqlite+aiosqlite:///{tmp_path / 'f.db'}", open311_services_file=services_file(tmp_path)
    ) as f:
        answer = await f.client.post(
            "/open311/v2/requests.json",
            content=b"service_code=AKTA&address_string=Jl.%20A&description=\xff\xfe\xfa",
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert answer.status_code == 400
        assert answer.json() == [
            {
                "code": 400,
                "description": "the body is not UTF-8 form data "
                "(application/x-www-form-urlencoded)",
            }
        ]
        assert await f.outbox("ComplaintReceived") == []


@pytest.mark.clock
@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"lat": SECRET, "long": "104.8"}, "lat is a number from -90 to 90"),
        ({"lat": "nan", "long": "104.8"}, "lat is a number from -90 to 90"),
        ({"lat": "-90.5", "long": "104.8"}, "lat is a number from -90 to 90"),
        ({"lat": "-4.8", "long": "inf"}, "long is a number from -180 to 180"),
        ({"lat": "-4.8", "long": "180.01"}, "long is a number from -180 to 180"),
        ({"attribute[service_date]": "0"}, "attribute[service_date] is a date written"),
        ({"attribute[service_date]": "2026-02-30"}, "not a day of the calendar"),
        ({"attribute[service_date]": "tomorrow"}, "attribute[service_date] is a date written"),
        ({"email": f"{SECRET}@"}, "complainant.email: is not valid"),
        ({"attribute[privacy]": SECRET}, "complainant.privacy"),
        ({"attribute[subject_nip]": SECRET}, "subject_nip"),
    ],
)
async def test_open311_refusals_name_the_field_never_the_value(tmp_path, clock, fields, named):
    async with feedback(
        f"sqlite+aiosqlite:///{tmp_path / 'f.db'}",
        clock,
        open311_services_file=services_file(tmp_path),
    ) as f:
        form = {"service_code": "AKTA", "address_string": "Jl. A 1", **fields}
        answer = await f.client.post("/open311/v2/requests.json", data=form)
        assert answer.status_code == 400, answer.text
        [error] = answer.json()
        assert error["code"] == 400 and named in error["description"], error
        _says_nothing_sent(answer)


@pytest.mark.clock
async def test_open311_refuses_a_service_date_after_today(tmp_path, clock):
    async with feedback(
        f"sqlite+aiosqlite:///{tmp_path / 'f.db'}",
        clock,
        open311_services_file=services_file(tmp_path),
    ) as f:
        tomorrow = (clock.today() + timedelta(days=1)).isoformat()
        form = {"service_code": "AKTA", "address_string": "Jl. A 1"}
        later = await f.client.post(
            "/open311/v2/requests.json", data={**form, "attribute[service_date]": tomorrow}
        )
        assert later.status_code == 400
        assert later.json()[0]["description"] == (
            "attribute[service_date] is after today (Asia/Jakarta)"
        )
        _says_nothing_sent(later, tomorrow)
        today = clock.today().isoformat()
        filed = await f.client.post(
            "/open311/v2/requests.json", data={**form, "attribute[service_date]": today}
        )
        assert filed.status_code == 200, filed.text


@pytest.mark.parametrize(
    "query",
    [
        {"start_date": ""},  # given, and empty: not a date-time
        {"end_date": "2026-03-01"},  # no time, no zone
        {"start_date": "2026-03-01T10:00:00"},  # no zone
        {"start_date": "0001-01-01T00:00:00+01:00"},  # before the first instant Python counts
        {"end_date": "9999-12-31T23:59:59-01:00"},  # after the last
        {"status": "pending"},
    ],
)
async def test_open311_lists_refuse_bad_filters_in_georeports_shape(tmp_path, query):
    async with feedback(f"sqlite+aiosqlite:///{tmp_path / 'f.db'}") as f:
        answer = await f.client.get("/open311/v2/requests.json", params=query)
        assert answer.status_code == 400, answer.text
        [error] = answer.json()
        assert error["code"] == 400
        _says_nothing_sent(answer, *(v for v in query.values() if v))


async def test_open311_dates_are_instants_whatever_their_offset(database_url, tmp_path):
    """A start_date at +07:00 was compared as text with the UTC SQLite keeps."""
    async with feedback(database_url, open311_services_file=services_file(tmp_path)) as f:
        f.clock.now = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 09:00 in Jakarta
        created = await f.client.post(
            "/open311/v2/requests.json", data={"service_code": "AKTA", "address_string": "Jl. A"}
        )
        [receipt] = created.json()

        async def listed(**query: str) -> list[str]:
            answer = await f.client.get("/open311/v2/requests.json", params=query)
            assert answer.status_code == 200, answer.text
            return [r["service_request_id"] for r in answer.json()]

        ours = [receipt["service_request_id"]]
        assert await listed(start_date="2026-03-02T08:59:00+07:00") == ours
        assert await listed(start_date="2026-03-02T09:01:00+07:00") == []
        assert await listed(end_date="2026-03-02T09:01:00+07:00") == ours
        assert await listed(end_date="2026-03-02T01:59:00Z") == []


# --- the JSON API ------------------------------------------------------------------------------


def _intake(service_date: object, **complainant: str) -> dict[str, object]:
    return {
        "unit_id": UNIT,
        "service_date": service_date,
        "category": "antrean",
        "description": SECRET,
        "complainant": {"privacy": "ANONIM", **complainant},
    }


@pytest.mark.clock
async def test_the_intake_refuses_a_service_date_after_today_naming_the_field(tmp_path, clock):
    async with feedback(f"sqlite+aiosqlite:///{tmp_path / 'f.db'}", clock) as f:
        tomorrow = (clock.today() + timedelta(days=1)).isoformat()
        later = await f.client.post("/api/v1/complaints", json=_intake(tomorrow))
        assert later.status_code == 422
        assert later.json() == {
            "detail": [
                {
                    "type": "value_error",
                    "loc": ["body", "service_date"],
                    "msg": "service_date is after today (Asia/Jakarta): a complaint is about "
                    "a service received",
                }
            ]
        }
        _says_nothing_sent(later, tomorrow)
        today = await f.client.post("/api/v1/complaints", json=_intake(clock.today().isoformat()))
        assert today.status_code == 202, today.text
        assert len(await f.outbox("ComplaintReceived")) == 1


@pytest.mark.parametrize(
    "body",
    [
        _intake(0),  # pydantic would read 1970-01-01
        _intake("0"),
        _intake("2026-03-01T00:00:00"),
        _intake("2026-03-01", nik=SECRET),  # a field the complainant has not: not dropped silently
    ],
)
async def test_the_intake_takes_what_its_schema_says_and_nothing_else(tmp_path, body):
    async with feedback(f"sqlite+aiosqlite:///{tmp_path / 'f.db'}") as f:
        refused = await f.client.post("/api/v1/complaints", json=body)
        assert refused.status_code == 422, refused.text
        assert all(set(p) == {"type", "loc", "msg"} for p in refused.json()["detail"])
        _says_nothing_sent(refused)
        assert await f.outbox("ComplaintReceived") == []


@pytest.mark.parametrize(
    ("population", "status"),
    [("1200", 422), (True, 422), (10**12, 422), (10**400, 422), (0, 422), (1200.0, 201)],
)
async def test_a_population_is_a_number_in_bounds(tmp_path, population, status):
    async with feedback(f"sqlite+aiosqlite:///{tmp_path / 'f.db'}") as f:
        await f.deliver(survey(4))
        url = f"/api/v1/units/{UNIT}/skm/2026-Q2"
        answer = await f.admin.post(url, json={"population": population})
        assert answer.status_code == status, answer.text


@pytest.mark.clock
async def test_a_receipt_that_is_not_ascii_is_refused_not_a_500(tmp_path, clock):
    async with feedback(f"sqlite+aiosqlite:///{tmp_path / 'f.db'}", clock) as f:
        await f.deliver(complaint("LAP-1", clock.today()), source="/agencies/lapor")
        steps = f"/api/v1/complaints/{quote('SP4N-LAPOR!')}/LAP-1/steps"
        answer = await f.client.post(
            steps, json={"action": "WITHDRAW", "receipt_number": "TT-ÄBCD-ÉFGH-JKMN"}
        )
        assert answer.status_code == 403, answer.text
        assert "receipt number" in answer.json()["detail"]["message"]


async def test_nul_characters_are_refused_before_postgresql_sees_them(database_url):
    async with feedback(database_url) as f:
        for answer in (
            await f.client.get(f"/api/v1/units/{UNIT}%00/statistics", params={"period": "2026"}),
            await f.client.get("/api/v1/complaints/LAPOR%00/LAP-1"),
            await f.client.get("/open311/v2/requests.json", params={"service_code": "A\x00"}),
            await f.client.post("/api/v1/complaints", json=_intake("2026-03-01", name="a\x00")),
        ):
            assert answer.status_code == 400, answer.text


# --- times read back keep their offset ---------------------------------------------------------


async def test_times_read_back_keep_their_offset(database_url, tmp_path):
    async with feedback(database_url, open311_services_file=services_file(tmp_path)) as f:
        await f.admin.put(f"/api/v1/units/{UNIT}/complaint-officials", json=OFFICIALS)
        await f.deliver(survey(4))
        measured = await f.admin.post(f"/api/v1/units/{UNIT}/skm/2026-Q2", json={})
        assert measured.status_code == 201, measured.text
        stats = await f.client.get(f"/api/v1/units/{UNIT}/statistics", params={"period": "2026-Q2"})
        moment = datetime.fromisoformat(stats.json()["skm"]["measured_at"])
        assert moment.utcoffset() == timedelta(0)
        assert abs(moment - f.clock()) < timedelta(minutes=1)

        created = await f.client.post(
            "/open311/v2/requests.json", data={"service_code": "AKTA", "address_string": "Jl. A"}
        )
        [receipt] = created.json()
        for pending in (True, False):  # before the consumer applied it, and after
            [view] = (
                await f.client.get(f"/open311/v2/requests/{receipt['service_request_id']}.json")
            ).json()
            for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
                if view[name] is not None:
                    assert datetime.fromisoformat(view[name]).utcoffset() is not None, name
            if pending:
                await f.pump()


# --- statuses declared ---------------------------------------------------------------------------


def test_each_operation_declares_the_statuses_it_answers() -> None:
    """Schemathesis is the judge (test_feedback_schemathesis.py); this names them for a reader."""
    document = service_api("feedback", ROUTERS, FeedbackSettings()).openapi()

    def statuses(method: str, path: str) -> set[str]:
        return set(document["paths"][path][method]["responses"])

    assert {"404", "422", "400"} <= statuses("get", "/api/v1/complaints/{channel}/{complaint_id}")
    assert {"202", "400", "413", "422", "503"} <= statuses("post", "/api/v1/complaints")
    steps = statuses("post", "/api/v1/complaints/{channel}/{complaint_id}/steps")
    assert {"200", "400", "401", "403", "404", "409", "413", "422", "503"} <= steps
    skm = statuses("post", "/api/v1/units/{unit_id}/skm/{period}")
    assert {"201", "401", "403", "409", "413", "422", "503"} <= skm
    assert {"200", "400", "413", "503"} <= statuses("post", "/open311/v2/requests.json")
    assert {"200", "400"} <= statuses("get", "/open311/v2/requests.json")
    assert "404" in statuses("get", "/open311/v2/requests/{service_request_id}.json")
    form = document["paths"]["/open311/v2/requests.json"]["post"]["requestBody"]["content"]
    assert "service_code" in form["application/x-www-form-urlencoded"]["schema"]["required"]
