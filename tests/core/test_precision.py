"""One recipe in float16, bfloat16, float32 and float64: each dtype is its own evaluation, the
errors are to float64, overflow and missing kernels are said, the figure and data written."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import explorer
from explorer.studies.precision import precision
from tests.commands import run


def test_each_dtype_is_its_own_evaluation() -> None:
    r = explorer.default_recipe("BCEWithLogitsLoss")
    r["inputs"] = {"input": [0.0], "target": [1.0]}
    r["axes"] = [{"slot": "input[0]", "start": -40.0, "stop": 40.0, "num": 81}]
    p = precision(r)
    for dtype in ("float32", "float16", "bfloat16"):
        alone = explorer.evaluate({**r, "dtype": dtype})
        np.testing.assert_array_equal(p.results[dtype].surface, alone.surface)
        np.testing.assert_array_equal(
            p.error(dtype), np.abs(alone.surface.astype(np.float64) - p.reference.surface)
        )
    assert p.error("float32").max() < 1e-5 < p.error("bfloat16").max()


def test_overflow_and_missing_kernels_are_said() -> None:
    r = explorer.default_recipe("PoissonNLLLoss")  # exp(large) overflows float16 near 11
    r["inputs"]["log_input"] = [12.0]
    r["axes"] = [{"slot": "log_input[0]", "start": 10.0, "stop": 12.0, "num": 5}]
    p = precision(r)
    assert np.isinf(p.error("float16")).any() and "non-finite where float64 is not" in p.said(
        "float16"
    )
    ctc = precision(explorer.default_recipe("CTCLoss"))
    assert "no float16 kernel for CTCLoss" in ctc.said("float16")
    assert "float32" in ctc.results


@pytest.mark.slow
def test_precision_command_writes_figure_and_data(tmp_path: Path) -> None:
    r = explorer.default_recipe("BCELoss")
    r["activation"] = "sigmoid"
    for ax in r["axes"]:
        ax["num"] = 16
    (tmp_path / "r.json").write_text(json.dumps(r))
    p = run("precision", "--recipe", "r.json", "--out", "p.png", "--out", "p.npz", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "float16: max |difference|" in p.stdout
    assert (tmp_path / "p.png").stat().st_size > 5000
    d = np.load(tmp_path / "p.npz")
    assert d["loss_float64"].shape == (16, 16) and d["error_float16"].shape == (16, 16)
