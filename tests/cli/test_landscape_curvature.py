"""Landscapes along curvature: Hessian directions, max_eig/min_eig maps, the barrier along a
line between checkpoints, BatchNorm statistics recomputed per point; on the example CNN too."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from explorer.curvature.operator import HessianOperator
from explorer.landscape import store
from explorer.landscape.command import prepare, run
from explorer.landscape.model_file import load_model_file, load_weights
from explorer.landscape.spec import LandscapeSpec
from explorer.progress import drain
from tests.cli.test_hessian import model_file
from tests.core.test_curvature import dense_hessian

ROOT = Path(__file__).resolve().parents[2]
CNN = ROOT / "resources" / "models" / "digits_cnn.py"


@pytest.fixture(autouse=True)
def trust_store(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "trust.json"
    monkeypatch.setenv("LOSS_EXPLORER_TRUST", str(path))
    return path


def centre_hessian(path: Path) -> np.ndarray:
    mf = load_model_file(path)
    model = mf.build_model()
    model.load_state_dict(load_weights(mf.checkpoints()[-1]))
    return dense_hessian(model, mf.eval_data(), mf.loss_fn).numpy()


def test_hessian_directions_are_the_top_eigenvectors_and_curvature_maps_are_exact(
    tmp_path: Path,
) -> None:
    m = model_file(tmp_path)
    out = tmp_path / "h.h5"
    spec = LandscapeSpec(m, out, grid=(5, 3), range=(-0.5, 0.5), yrange=(-0.5, 0.5),
                         directions="hessian", curvature=True, trust=True)  # fmt: skip
    job = prepare(spec)
    drain(run(job))
    data = store.read(out)
    h = centre_hessian(m)
    values, vectors = np.linalg.eigh(h)
    np.testing.assert_allclose(data["hessian_eigenvalues"], values[::-1][:2], rtol=1e-4)
    flat = [torch.cat([d[n].reshape(-1) for n in d]).double() for d in (job.plan.dx, job.plan.dy)]
    for k, v in enumerate(flat):  # unit norm over all parameters, the eigenvector up to sign
        assert abs(float(v.norm()) - 1) < 1e-6
        assert abs(float(v @ torch.from_numpy(vectors[:, -1 - k]).double())) > 1 - 1e-4
    assert data["settings"]["directions"] == "hessian" and data["settings"]["curvature"]
    # max_eig and min_eig at a grid point: the dense Hessian's ends at those weights
    mf = load_model_file(m)
    model = mf.build_model()
    iy, ix = 2, 4
    a, b = data["xcoordinates"][ix], data["ycoordinates"][iy]
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(job.plan.origin[name] + a * job.plan.dx[name] + b * job.plan.dy[name])
    ends = np.linalg.eigvalsh(dense_hessian(model, mf.eval_data(), mf.loss_fn).double().numpy())
    assert data["max_eig"].shape == data["train_loss"].shape == (3, 5)
    assert data["max_eig"][iy, ix] == pytest.approx(ends[-1], rel=2e-3)
    assert data["min_eig"][iy, ix] == pytest.approx(ends[0], rel=2e-3, abs=1e-3 * float(ends[-1]))


def test_the_barrier_along_a_line_and_batchnorm_recomputed(tmp_path: Path) -> None:
    out, fresh = tmp_path / "l.h5", tmp_path / "r.h5"
    common = dict(grid=(11, 11), range=(-0.2, 1.2), dims=1, directions="line", trust=True)
    drain(run(prepare(LandscapeSpec(CNN, out, **common))))
    data = store.read(out)
    mf = load_model_file(CNN)
    ((x, y),) = mf.eval_data()
    losses = []
    for path in (mf.checkpoints()[0], mf.checkpoints()[-1]):  # the ends, as each checkpoint
        model = mf.build_model()
        model.load_state_dict(load_weights(mf.checkpoints()[-1]))  # the centre's statistics
        state = load_weights(path)
        with torch.no_grad():
            for n, p in model.named_parameters():
                p.copy_(state[n])
            losses.append(float(mf.loss_fn(model.eval()(x), y)))
    assert data["loss_start"] == pytest.approx(losses[0], rel=1e-5)
    assert data["loss_end"] == pytest.approx(losses[1], rel=1e-5)
    inside = (data["xcoordinates"] >= 0) & (data["xcoordinates"] <= 1)
    peak = max(data["train_loss"][inside].max(), *losses)
    assert data["barrier_height"] == pytest.approx(peak - sum(losses) / 2, rel=1e-5)
    # --bn-recompute: at the last checkpoint the statistics are made again on the data
    drain(run(prepare(LandscapeSpec(CNN, fresh, **common, bn_recompute=True))))
    again = store.read(fresh)
    model = mf.build_model()
    model.load_state_dict(load_weights(mf.checkpoints()[-1]))
    torch.optim.swa_utils.update_bn([(x,)], model)
    assert again["loss_end"] == pytest.approx(float(mf.loss_fn(model.eval()(x), y)), rel=1e-5)
    assert again["settings"]["bn_recompute"] and again["loss_end"] != data["loss_end"]


def test_the_cnn_takes_the_hessian_with_batchnorm_in_eval_mode(tmp_path: Path) -> None:
    mf = load_model_file(CNN, trust=True)
    model = mf.build_model()
    model.load_state_dict(load_weights(mf.checkpoints()[-1]))
    ((x, y),) = mf.eval_data()
    op = HessianOperator(model, [(x[:64], y[:64])], mf.loss_fn)
    v = torch.randn(op.dim, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    hv = op.matvec(v)
    fwd = HessianOperator(model, [(x[:64], y[:64])], mf.loss_fn, "forward").matvec(v)
    torch.testing.assert_close(hv, fwd, rtol=1e-4, atol=1e-5)
    assert not model.training  # eval mode: BatchNorm's statistics used, never updated


LM = ROOT / "resources" / "models" / "tiny_lm.py"


def test_the_tied_weight_of_the_language_model_is_stepped_once(tmp_path: Path) -> None:
    """The landscape at a grid point equals the model with every parameter, the tied embedding
    counted once, set to origin + a dx + b dy (stepping it twice would double its move)."""
    out = tmp_path / "lm.h5"
    job = prepare(LandscapeSpec(LM, out, grid=(3, 2), trust=True))
    drain(run(job))
    data = store.read(out)
    assert "head.weight" not in job.plan.dx  # one name for the one tensor
    mf = load_model_file(LM)
    model = mf.build_model()
    ((x, y),) = mf.eval_data()
    a, b = data["xcoordinates"][2], data["ycoordinates"][1]
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(job.plan.origin[name] + a * job.plan.dx[name] + b * job.plan.dy[name])
        want = float(mf.loss_fn(model.eval()(x), y))
    assert model.head.weight is model.embed.weight
    assert data["train_loss"][1, 2] == pytest.approx(want, rel=1e-5)


@pytest.mark.parametrize("name", ["digits_mlp.py", "digits_cnn.py", "tiny_lm.py"])
def test_every_example_model_gives_a_spectrum_and_a_curvature_landscape(
    tmp_path: Path, name: str
) -> None:
    from explorer.landscape.hessian import HessianSpec
    from explorer.landscape.hessian import prepare as prepare_hessian
    from explorer.landscape.hessian import run as run_hessian

    path = ROOT / "resources" / "models" / name
    report = drain(run_hessian(prepare_hessian(
        HessianSpec(path, tmp_path / "h.json", top_k=2, tol=1e-2, trust=True))))  # fmt: skip
    assert report["converged"] and report["eigenvalues"][0] >= report["eigenvalues"][1] > 0
    out = tmp_path / "c.h5"  # a = 0 is the centre, where the report took the Hessian
    spec = LandscapeSpec(path, out, grid=(2, 2), dims=1, directions="hessian", curvature=True,
                         range=(0.0, 0.01), trust=True)  # fmt: skip
    drain(run(prepare(spec)))
    data = store.read(out)
    assert np.isfinite(data["max_eig"]).all() and (data["max_eig"] >= data["min_eig"]).all()
    assert data["max_eig"][0] == pytest.approx(report["eigenvalues"][0], rel=2e-2)


def test_curvature_of_several_points_at_once_equals_one_at_a_time(tmp_path: Path) -> None:
    """The batched path (lockstep Lanczos, one vmapped product a step: on CUDA by free memory,
    here asked for with --points-per-forward) gives the same maps as one point at a time."""
    m = model_file(tmp_path)
    maps = {}
    for points in (1, 3):
        out = tmp_path / f"p{points}.h5"
        spec = LandscapeSpec(m, out, grid=(5, 2), curvature=True, points_per_forward=points,
                             range=(-0.3, 0.3), yrange=(-0.3, 0.3), trust=True)  # fmt: skip
        job = prepare(spec)
        assert job.evaluator.points == points
        fractions = []
        gen = run(job)
        try:
            while True:
                fractions.append(next(gen))
        except StopIteration:
            pass
        assert fractions == sorted(fractions) and fractions[-1] == 1.0
        maps[points] = store.read(out)
    scale = np.abs(maps[1]["max_eig"]).max()
    # each run's own random start: both meet the 1e-3 residual test, and the smallest end of
    # an MLP's spectrum (a cluster of small negatives) settles to within 1% of the largest
    np.testing.assert_allclose(maps[3]["max_eig"], maps[1]["max_eig"], atol=2e-3 * scale)
    np.testing.assert_allclose(maps[3]["min_eig"], maps[1]["min_eig"], atol=1e-2 * scale)
