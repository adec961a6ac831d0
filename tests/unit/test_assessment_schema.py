"""The assessment migrations and adapters/tables.py describe the same schema, and the definition
binds exactly the events the handlers apply."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from asn_assessment.adapters.tables import metadata
from asn_assessment.main import build
from asn_assessment.settings import AssessmentSettings
from asn_shared.catalog.vocabulary import PredikatOrganisasi, RatingLevel
from asn_shared.persistence.tables import messaging_metadata
from tests.support import migrate
from tests.unit.assessment_harness import MIGRATIONS


def test_migration_matches_the_models(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'schema.db'}"
    asyncio.run(migrate(MIGRATIONS, url))
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'schema.db'}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), [metadata, messaging_metadata])
    engine.dispose()
    assert diff == []


def test_definition_binds_exactly_the_handled_events() -> None:
    definition = build(AssessmentSettings())
    bound = set(definition.consumer.routing_keys)
    assert bound == {model.routing_key() for model in definition.handlers}
    assert "employee.profile.updated.v1" in bound and "indicator.measured.v1" in bound


def test_a_bad_quota_file_is_refused_at_start_up(tmp_path: Path) -> None:
    quotas = tmp_path / "quotas.json"
    quotas.write_text('{"BAIK": [{"predikat": ["LUAR_BIASA"], "max_share": 0.7}]}')
    try:
        AssessmentSettings(distribution_quotas_file=quotas)
    except ValueError as exc:
        assert "quotas.json" in str(exc)
    else:
        raise AssertionError("a quota naming an unknown predikat was accepted")


def test_head_hasil_kerja_mapping_is_a_setting_that_must_cover_every_predicate(monkeypatch) -> None:
    monkeypatch.setenv(
        "ASSESSMENT_HEAD_HASIL_KERJA",
        '{"ISTIMEWA": "DI_ATAS_EKSPEKTASI", "BAIK": "DI_ATAS_EKSPEKTASI",'
        ' "BUTUH_PERBAIKAN": "SESUAI_EKSPEKTASI", "KURANG": "DI_BAWAH_EKSPEKTASI",'
        ' "SANGAT_KURANG": "DI_BAWAH_EKSPEKTASI"}',
    )
    lenient = AssessmentSettings()
    assert lenient.head_hasil_kerja[PredikatOrganisasi.BAIK] is RatingLevel.DI_ATAS_EKSPEKTASI
    monkeypatch.setenv("ASSESSMENT_HEAD_HASIL_KERJA", '{"ISTIMEWA": "DI_ATAS_EKSPEKTASI"}')
    with pytest.raises(ValueError, match="no rating level for BAIK, BUTUH_PERBAIKAN"):
        AssessmentSettings()
