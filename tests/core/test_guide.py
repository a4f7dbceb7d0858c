"""What each loss is: every loss has a formula, a use and pitfalls; misuse is flagged where it
happens, and torch's own warnings reach the user instead of being lost."""

from __future__ import annotations

import explorer
from explorer.catalog import CATALOG, loss_names
from explorer.catalog.guide import PITFALLS, USE, about
from explorer.recipes import check


def test_every_loss_is_described() -> None:
    assert set(USE) == set(loss_names()) == set(PITFALLS)
    for name in loss_names():
        a = about(name)
        assert a["formula"] and a["use"] and a["pitfalls"]
        assert [p for p, _ in a["params"]] == [p.name for p in CATALOG[name].params]


def warnings_of(name: str, **inputs) -> list[str]:
    r = explorer.default_recipe(name)
    r["inputs"].update(inputs)
    return check(r)[1]


def test_probabilities_where_log_probabilities_are_due() -> None:
    w = warnings_of("KLDivLoss", input=[0.2, 0.5, 0.3])
    assert any(s.startswith("inputs.input: is all >= 0: KLDivLoss expects log-prob") for s in w)
    w = warnings_of("NLLLoss", input=[[0.7, 0.2, 0.1]])
    assert any(s.startswith("inputs.input: is all >= 0: NLLLoss expects log-prob") for s in w)
    assert not any("log-probabilities" in s for s in warnings_of("NLLLoss"))  # its default


def test_probabilities_where_logits_are_due() -> None:
    w = warnings_of("CrossEntropyLoss", input=[[0.7, 0.2, 0.1]])
    assert any("softmax" in s and "applied twice" in s for s in w)
    assert not any("twice" in s for s in warnings_of("CrossEntropyLoss", input=[[2.0, 1, 0.1]]))


def test_torch_warnings_are_shown_on_their_field() -> None:
    r = explorer.default_recipe("KLDivLoss")
    r["params"]["reduction"] = "mean"
    w = check(r)[1]
    assert any(s.startswith("params.reduction: torch warns: reduction: 'mean' divides") for s in w)
    r["params"]["reduction"] = "batchmean"
    assert not any("torch warns" in s for s in check(r)[1])
