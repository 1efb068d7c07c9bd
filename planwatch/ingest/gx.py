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


def run_suite(suite_path: Path, frame: Any, parameters: dict[str, Any]) -> list[Failure]:
    """Run the GX suite stored at `suite_path` on a pandas frame: the failed expectations, and their rows."""
    definition = _validation_definition(suite_path.resolve(), suite_path.read_bytes())
    result = definition.run(
        batch_parameters={"dataframe": frame},
        expectation_parameters=parameters,
        result_format="COMPLETE",
    )
    failures = []
    for outcome in result.results:
        config = outcome.expectation_config
        info = outcome.exception_info or {}
        raised = (
            info.get("raised_exception")
            if "raised_exception" in info
            else any(isinstance(v, dict) and v.get("raised_exception") for v in info.values())
        )
        if raised:
            # A suite that cannot run is a defect, never a pass: fail loudly.
            raise RuntimeError(f"GX expectation {config.type} in {suite_path} failed to run: {info}")
        if outcome.success:
            continue
        meta = config.meta or {}
        failures.append(
            Failure(
                meta.get("key", config.type),
                meta.get("column", str(config.kwargs.get("column", ""))),
                config.type,
                dict(config.kwargs),
                tuple(int(i) for i in outcome.result.get("unexpected_index_list") or ()),
            )
        )
    return failures


@functools.cache
def _gx_context() -> Any:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


@functools.cache
def _validation_definition(path: Path, content: bytes) -> Any:
    """Load a suite file into the ephemeral context once per (path, content): an edited file reloads."""
    import great_expectations as gx

    context = _gx_context()
    tag = f"{path.stem}-{hashlib.sha256(path.as_posix().encode() + content).hexdigest()[:12]}"
    suite = context.suites.add(gx.ExpectationSuite(**{**json.loads(content), "name": tag}))
    source = context.data_sources.add_pandas(f"source-{tag}")
    batch = source.add_dataframe_asset(f"rows-{tag}").add_batch_definition_whole_dataframe("whole")
    return context.validation_definitions.add(gx.ValidationDefinition(name=tag, data=batch, suite=suite))


def load_suite(path: Path) -> list[dict[str, Any]]:
    """The expectations a suite file lists (type, kwargs, meta), as stored."""
    return json.loads(path.read_text(encoding="utf-8"))["expectations"]
