"""The `planwatch` command as a user runs it: build, status, sql, demo."""

from __future__ import annotations

import duckdb
import pytest

from planwatch.cli import main


def test_build_publishes_a_read_only_copy_readers_open_while_the_warehouse_is_being_written(built_home):
    published = built_home / "warehouse-readonly.duckdb"
    assert published.is_file()
    writer = duckdb.connect(str(built_home / "warehouse.duckdb"))  # a writer holds the warehouse
    try:
        with duckdb.connect(str(published), read_only=True) as reader:
            assert reader.sql("select count(*) from marts.dim_task").fetchone() == (206,)
    finally:
        writer.close()


def test_sql_prints_the_result_of_an_ad_hoc_query(built_home, monkeypatch, capsys):
    monkeypatch.setenv("PLANWATCH_HOME", str(built_home))
    assert (
        main(
            [
                "sql",
                "select indicator_code, target_low from marts.dim_indicator where indicator_code = 'II.2'",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "II.2" in out and "11247" in out


def test_sql_reports_a_bad_query_with_exit_code_1(built_home, monkeypatch, capsys):
    monkeypatch.setenv("PLANWATCH_HOME", str(built_home))
    assert main(["sql", "select * from marts.no_such_table"]) == 1
    assert "no_such_table" in capsys.readouterr().err


def test_sql_cannot_write(built_home, monkeypatch, capsys):
    monkeypatch.setenv("PLANWATCH_HOME", str(built_home))
    assert main(["sql", "create table marts.x as select 1"]) == 1
    assert "read-only" in capsys.readouterr().err.lower()


def test_status_without_a_warehouse_says_what_to_run(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANWATCH_HOME", str(tmp_path))
    assert main(["status"]) == 2
    assert "planwatch build" in capsys.readouterr().err


def test_status_prints_the_catalogue_summary(built_home, monkeypatch, capsys):
    monkeypatch.setenv("PLANWATCH_HOME", str(built_home))
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-11-26")
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "PHỤ LỤC 1: 52 dòng" in out
    assert "Nhiệm vụ PHỤ LỤC 2 (tasks): 206" in out
    assert "288.865,6" in out  # the budget-revenue contradiction is listed
    assert "Chưa có số liệu 66" in out  # nothing received yet: every target indicator has no data
    # nothing received although 2026-Q1 figures were due on 10/04/2026: the statistics office is missing
    assert "TKTP 2026-Q1 (thiếu)" in out


def test_bad_planwatch_today_is_a_clear_error(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("PLANWATCH_HOME", str(tmp_path))
    monkeypatch.setenv("PLANWATCH_TODAY", "15/10/2026")
    from planwatch import config

    with pytest.raises(config.ConfigError, match="YYYY-MM-DD"):
        config.today()


def test_dbt_docs_generate_works_offline(built_home, monkeypatch, tmp_path):
    from planwatch.warehouse.dbt import run_dbt

    monkeypatch.setenv("PLANWATCH_HOME", str(built_home))
    run_dbt(["docs", "generate", "--target-path", str(tmp_path / "target")], quiet=True)
    catalog = (tmp_path / "target" / "catalog.json").read_text(encoding="utf-8")
    assert "fct_indicator_assessment" in catalog and "dim_indicator" in catalog
    assert (tmp_path / "target" / "index.html").is_file()


def test_build_refuses_an_as_of_date_that_is_not_iso(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--as-of", "01/10/2026"])
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kind", "period", "why"),
    [
        ("quarterly", "2027-Q3", "chưa bắt đầu"),
        ("annual", "2031", "ngoài giai đoạn"),
        ("midterm", "2026", "2028"),
    ],
)
def test_report_refuses_a_period_it_cannot_report_on(kind, period, why, built_home, monkeypatch, capsys):
    monkeypatch.setenv("PLANWATCH_HOME", str(built_home))
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-11-26")
    assert main(["report", kind, "--period", period, "--format", "pdf"]) == 1
    assert why in capsys.readouterr().err
