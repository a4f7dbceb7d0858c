"""CE = H(p) + KL(p || q) at the recipe's own point, equal to torch's own loss, label smoothing
included; NLL and KLDiv read the same way."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch.nn import functional as F

import explorer
from explorer.drawing.distributions import decompose


def point(name: str, **changes) -> dict:
    r = explorer.default_recipe(name)
    for k, v in changes.items():
        (r["params"] if k in r["params"] else r["inputs"])[k] = v
    return explorer.check(r)[0]


@pytest.mark.parametrize("eps", [0.0, 0.1, 0.35])
def test_cross_entropy_is_entropy_plus_kl(eps: float) -> None:
    d = decompose(
        point("CrossEntropyLoss", label_smoothing=eps, input=[[0.5, -1.0, 2.0, 0.1]], target=[2])
    )
    x = torch.tensor([[0.5, -1.0, 2.0, 0.1]], dtype=torch.float64)
    want = float(F.cross_entropy(x, torch.tensor([2]), label_smoothing=eps))
    assert d.cross_entropy == pytest.approx(want, rel=1e-12) and d.torch_value == pytest.approx(
        want
    )
    assert d.cross_entropy == pytest.approx(d.entropy + d.kl, rel=1e-12)
    assert d.p[2] == pytest.approx(1 - eps + eps / 4) and d.p.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(d.q, torch.softmax(x[0], 0).numpy())
    assert (d.entropy > 0) == (eps > 0)  # smoothing makes the target uncertain


def test_probability_targets_and_nll_and_kl() -> None:
    d = decompose(point("CrossEntropyLoss", input=[[2.0, 1.0, 0.1]], target=[[0.7, 0.2, 0.1]]))
    assert d.cross_entropy == pytest.approx(d.torch_value) and d.kl > 0
    n = decompose(point("NLLLoss"))
    assert n.entropy == 0 and n.cross_entropy == pytest.approx(n.torch_value)
    assert "not log-probabilities" in decompose(point("NLLLoss", input=[[-0.1, -0.2, -0.3]])).note
    k = decompose(point("KLDivLoss", reduction="batchmean"))
    assert k.torch_is == "KL" and k.kl == pytest.approx(k.torch_value, rel=1e-12)
    assert decompose(point("MSELoss")) is None


def test_the_decomposition_at_every_grid_point_is_torchs_loss_there() -> None:
    from explorer.drawing.distributions import decompose_grid

    for name, params in [
        ("CrossEntropyLoss", {"label_smoothing": 0.15}),
        ("NLLLoss", {}),
        ("KLDivLoss", {"reduction": "sum"}),
    ]:
        r = explorer.default_recipe(name)
        r["params"].update(params)
        for ax in r["axes"]:
            ax["num"] = 9
        res = explorer.evaluate(r)
        g = decompose_grid(res)
        torch_side = g.cross_entropy if g.torch_is == "CE" else g.kl
        np.testing.assert_allclose(torch_side, res.surface.reshape(-1), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(g.cross_entropy, g.entropy + g.kl, rtol=1e-12, atol=1e-12)


def test_odd_shapes_have_no_decomposition() -> None:
    r = explorer.default_recipe("KLDivLoss")
    r["inputs"]["target"] = 0.5  # broadcast against the input
    assert decompose(explorer.check(r)[0]) is None
    r = explorer.default_recipe("KLDivLoss")
    r.update(axes=[], inputs={"input": -0.5, "target": 0.3})
    assert decompose(explorer.check(r)[0]) is None


def test_full_label_smoothing_on_a_grid_is_uniform_without_warnings() -> None:
    """label_smoothing = 1 makes p uniform; the grid's p was once unsmoothed by 1 / (1 - eps)."""
    import warnings

    import explorer
    from explorer.drawing.distributions import decompose_grid

    r = explorer.default_recipe("CrossEntropyLoss")
    r["params"]["label_smoothing"] = 1.0
    res = explorer.evaluate(r)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = decompose_grid(res)
    assert g is not None
    np.testing.assert_allclose(g.p, 1 / g.p.shape[1])
    k = g.p.shape[0] // 3  # CE = H(p) + KL(p || q) at a point, with torch's own value there
    np.testing.assert_allclose(g.cross_entropy[k], g.entropy[k] + g.kl[k])
