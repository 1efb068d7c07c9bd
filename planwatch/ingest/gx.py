"""The Great Expectations runner: a suite file of ``expectations/`` run on a pandas frame, its failures."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Failure:
    """One failed expectation of a suite: its problem key, the column shown, its kwargs, the rows."""

    key: str
    column: str
    expectation_type: str
    kwargs: dict[str, Any]
    indexes: tuple[int, ...]


# Expectations that judge each row by the columns they name only (the value columns, and the column of
# their row_condition): GX runs each on the distinct values of its columns (a few dozen unit pairs, the
# indicator codes, the periods of the file, not every row), and the rows that hold a failing value are
# found again from them. A column-pair rule is a Python loop over the rows in GX. Every other
# expectation (the compound-uniqueness rule, which compares rows) runs on the rows themselves.
ON_DISTINCT = {"expect_column_pair_values_to_be_in_set": ("column_A", "column_B")}
ROW_BY_ROW = frozenset(  # each row judged on its own cells (never on its neighbours, as `_be_unique` is)
    {
        "expect_column_values_to_not_be_null",
        "expect_column_values_to_be_in_set",
        "expect_column_values_to_not_be_in_set",
        "expect_column_values_to_be_between",
        "expect_column_values_to_match_regex",
    }
)


# Splitting a suite into its parts (one GX run each) pays off only once the rows outnumber the distinct
# values: a small frame is validated by the whole suite in one run. Measured on the indicator suite (one
# process, after warm-up): 1 row 0,23 s whole vs 0,27 s in parts; 1.000 rows about even; 5.000 rows
# 0,39 s vs 0,30 s; 20.000 rows 0,80 s vs 0,39 s.
WHOLE_SUITE_ROWS = 500


def run_suite(suite_path: Path, frame: Any, parameters: dict[str, Any]) -> list[Failure]:
    """Run the GX suite stored at `suite_path` on a pandas frame: the failed expectations (in the
    suite's order), and their rows."""
    content = suite_path.read_bytes()
    failures: list[tuple[int, Failure]] = []
    parts = [None] if len(frame) <= WHOLE_SUITE_ROWS else _parts(content)
    for columns in parts:
        batch, rows_of = (frame, None) if not columns else _distinct(frame, list(columns))
        definition = _validation_definition(suite_path.resolve(), content, columns)
        result = definition.run(
            batch_parameters={"dataframe": batch},
            expectation_parameters=parameters,
            result_format="COMPLETE",
        )
        failures += [
            _failure(outcome, suite_path, rows_of)
            for outcome in result.results
            if _failed(outcome, suite_path)
        ]
    return [failure for _, failure in sorted(failures, key=lambda f: f[0])]


def _failed(outcome: Any, suite_path: Path) -> bool:
    info = outcome.exception_info or {}
    raised = (
        info.get("raised_exception")
        if "raised_exception" in info
        else any(isinstance(v, dict) and v.get("raised_exception") for v in info.values())
    )
    if raised:
        # A suite that cannot run is a defect, never a pass: fail loudly.
        raise RuntimeError(
            f"GX expectation {outcome.expectation_config.type} in {suite_path} failed to run: {info}"
        )
    return not outcome.success


def _failure(outcome: Any, suite_path: Path, rows_of: list[list[int]] | None) -> tuple[int, Failure]:
    """The failure and its place in the suite; the rows of a distinct value are all the rows holding it."""
    config = outcome.expectation_config
    meta = dict(config.meta or {})
    position = meta.pop(_POSITION)
    indexes = [int(i) for i in outcome.result.get("unexpected_index_list") or ()]
    if rows_of is not None:
        indexes = sorted(int(row) for i in indexes for row in rows_of[i])
    failure = Failure(
        meta.get("key", config.type),
        meta.get("column", str(config.kwargs.get("column", ""))),
        config.type,
        dict(config.kwargs),
        tuple(indexes),
    )
    return position, failure


def _distinct(frame: Any, columns: list[str]) -> tuple[Any, list[Any]]:
    """The distinct rows of `columns` (in the order they first appear), and for each the frame's rows
    (by position, ascending) that hold it."""
    import numpy as np

    groups = frame.groupby(columns, dropna=False, sort=False).ngroup().to_numpy()
    _, first = np.unique(groups, return_index=True)  # first[g]: the first row of group g
    distinct = frame[columns].iloc[first].reset_index(drop=True)
    order = np.argsort(groups, kind="stable")
    rows_of = np.split(order, np.cumsum(np.bincount(groups, minlength=len(first)))[:-1])
    return distinct, rows_of


_POSITION = "planwatch_suite_position"


def _parts(content: bytes) -> list[tuple[str, ...]]:
    """How the suite is run: () on every row, or a tuple of columns whose distinct values are judged."""
    return list(dict.fromkeys(_part_of(e) for e in json.loads(content)["expectations"]))


@functools.cache
def _gx_context() -> Any:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


@functools.cache
def _whole_frame() -> Any:
    """The one batch definition every suite runs on: a pandas frame, given at each run."""
    source = _gx_context().data_sources.add_pandas("planwatch-frames")
    return source.add_dataframe_asset("rows").add_batch_definition_whole_dataframe("whole")


@functools.cache
def _validation_definition(path: Path, content: bytes, columns: tuple[str, ...] | None) -> Any:
    """Load the part of a suite file run on `columns` (see `_parts`; None: the whole suite) into the
    ephemeral context, once per (path, content, part): an edited file reloads. Each expectation keeps its
    place in the suite."""
    import great_expectations as gx

    context = _gx_context()
    definition = json.loads(content)
    expectations = [
        {**e, "meta": {**(e.get("meta") or {}), _POSITION: i}}
        for i, e in enumerate(definition["expectations"])
        if columns is None or _part_of(e) == columns
    ]
    part = "*" if columns is None else "/".join(columns)
    key = path.as_posix().encode() + content + part.encode()
    tag = f"{path.stem}-{hashlib.sha256(key).hexdigest()[:12]}"
    suite = context.suites.add(
        gx.ExpectationSuite(**{**definition, "expectations": expectations, "name": tag})
    )
    return context.validation_definitions.add(
        gx.ValidationDefinition(name=tag, data=_whole_frame(), suite=suite)
    )


def _part_of(expectation: dict[str, Any]) -> tuple[str, ...]:
    kind, kwargs = expectation["type"], expectation["kwargs"]
    names = ON_DISTINCT.get(kind)
    if names is not None:
        return tuple(kwargs[n] for n in names)
    if kind not in ROW_BY_ROW or "mostly" in kwargs:
        return ()  # `mostly` counts rows: it must see every row
    condition = kwargs.get("row_condition")
    if condition is None:
        return (kwargs["column"],)
    if isinstance(condition, dict) and set(condition) <= {"type", "column", "operator", "parameter"}:
        return tuple(dict.fromkeys((kwargs["column"], condition["column"]["name"])))
    return ()  # a condition this runner cannot read the columns of: judged on every row


def load_suite(path: Path) -> list[dict[str, Any]]:
    """The expectations a suite file lists (type, kwargs, meta), as stored."""
    return json.loads(path.read_text(encoding="utf-8"))["expectations"]
