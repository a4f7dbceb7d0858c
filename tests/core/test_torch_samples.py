"""torch's own test samples (ModuleInfo and OpInfo) for the 21 losses: whatever torch's module
evaluates, the explorer evaluates exactly; whatever it refuses, the explorer refuses."""

from __future__ import annotations

from collections import Counter

import pytest
import torch

from explorer.catalog import DISTANCES
from tests import torch_samples as ts

BAD = ("ours-refused", "torch-refused-we-accept", "wrong")


@pytest.fixture(autouse=True)
def own_distances_forgotten():
    """The samples register their distance functions; later tests (the window's distance
    choices) must not see them."""
    before = dict(DISTANCES)
    yield
    DISTANCES.clear()
    DISTANCES.update(before)


@pytest.mark.parametrize("source", ["module", "functional"])
def test_every_torch_sample_is_handled_exactly(source: str) -> None:
    torch.manual_seed(0)
    gen = ts.module_samples() if source == "module" else ts.functional_samples()
    counts: Counter = Counter()
    problems = []
    for i, sample in enumerate(gen):
        outcome = ts.check_sample(sample, i)
        counts[outcome.kind] += 1
        if outcome.kind in BAD:
            problems.append(f"{sample.loss} {outcome.kind}: {outcome.detail[:200]}")
    print(source, dict(counts))
    assert sum(counts.values()) > (250 if source == "module" else 600)
    assert counts["exact"] > 0.9 * sum(counts.values()) - counts["rejected-by-both"]
    assert not problems, "\n".join(problems[:20])
