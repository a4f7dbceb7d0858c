"""`main.py report`: a self-contained HTML page, a PDF and each figure's files, re-rendered from
the recipes to the same data."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pypdfium2
import pytest

import explorer
from explorer.studies.paths import PathsSpec, paths
from tests.commands import run


@pytest.mark.slow
def test_report_of_recipes_and_a_recording(tmp_path: Path) -> None:
    names = ["huber", "triplet", "curve"]
    recipes = [explorer.default_recipe("HuberLoss"), explorer.default_recipe("TripletMarginLoss")]
    curve = explorer.default_recipe("BCEWithLogitsLoss")
    curve["axes"] = curve["axes"][:1]
    recipes.append(curve)
    for n, r in zip(names, recipes, strict=True):
        for ax in r["axes"]:
            ax["num"] = 32
        (tmp_path / f"{n}.json").write_text(json.dumps(r))
    recording = {
        **recipes[0],
        "vary": {"slot": "params.delta", "start": 0.2, "stop": 2.0, "frames": 4},
    }
    (tmp_path / "rec.json").write_text(json.dumps(recording))
    p = run(
        "report",
        *[f"{n}.json" for n in names],
        "rec.json",
        "--out",
        "rep",
        "--columns",
        "2",
        "--width",
        "400",
        "--height",
        "300",
        cwd=tmp_path,
    )
    assert p.returncode == 0, p.stderr
    rep = tmp_path / "rep"
    page = (rep / "index.html").read_text()
    assert page.count("<figure>") == 4 and page.count("data:image/") == 4
    assert "http" not in page.replace("http-equiv", "")  # readable offline
    assert "image/gif" in page  # the recording plays in the page
    doc = pypdfium2.PdfDocument(str(rep / "report.pdf"))
    assert len(doc) == 4
    doc.close()
    levels = set()
    for folder in sorted(f for f in rep.iterdir() if f.is_dir() and f.name != "04-rec"):
        stem = folder.name
        for ext in (".png", ".svg", ".npz", ".csv", ".json"):
            assert (folder / f"{stem}{ext}").stat().st_size > 0, stem + ext
        saved = json.loads((folder / f"{stem}.json").read_text())
        again = explorer.evaluate(saved)  # every figure re-renders to identical data
        np.testing.assert_array_equal(np.load(folder / f"{stem}.npz")["loss"], again.loss)
        if len(saved["axes"]) == 2:
            levels.add(tuple(saved["view"]["levels"]))
    assert len(levels) == 1  # small multiples share one colour range

    # the recording carries its recording: every frame, and the JSON that `record` re-makes
    folder = rep / "04-rec"
    for ext in (".gif", ".png", ".svg", ".npz", ".json", "-still.csv"):
        assert (folder / f"04-rec{ext}").stat().st_size > 0, ext
    saved = json.loads((folder / "04-rec.json").read_text())
    assert saved["vary"] == recording["vary"]
    kept = np.load(folder / "04-rec.npz")
    assert kept["loss"].shape == (4, 32, 32) and len(kept["values"]) == 4
    p = run("record", "--recipe", str(folder / "04-rec.json"), "--out", "again.gif", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    np.testing.assert_array_equal(np.load(tmp_path / "again.npz")["loss"], kept["loss"])
    # captions print numbers as titles do, and the still says which frame it is
    assert "delta=1.4" in page and "delta=1.4000000" not in page
    assert "the still is params.delta = 1.4, frame 3 of 4." in page


@pytest.mark.slow
def test_report_of_a_broken_file_exits_2(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("[1, 2, 3]")
    p = run("report", "bad.json", "--out", "rep", cwd=tmp_path)
    assert p.returncode == 2 and p.stderr.startswith("error: ") and "Traceback" not in p.stderr


@pytest.mark.slow
def test_report_of_optimizer_paths(tmp_path: Path) -> None:
    r = explorer.default_recipe("MSELoss")
    r["inputs"] = {"input": [1.0, 2.0], "target": [0.0, 0.0]}
    r["axes"] = [
        {"slot": "input[0]", "start": -3.0, "stop": 3.0, "num": 24},
        {"slot": "input[1]", "start": -3.0, "stop": 3.0, "num": 24},
    ]
    spec = {"optimizers": ["sgd:lr=0.1", "adam:lr=0.2"], "start": [2.0, -2.0], "steps": 15}
    (tmp_path / "paths.json").write_text(json.dumps({**r, "paths": spec}))
    p = run(
        "report", "paths.json", "--out", "rep", "--width", "400", "--height", "300", cwd=tmp_path
    )
    assert p.returncode == 0, p.stderr
    folder = tmp_path / "rep" / "01-paths"
    page = (tmp_path / "rep" / "index.html").read_text()
    assert "2 optimizer path(s) of 15 steps from (2, -2): SGD(lr=0.1); Adam(lr=0.2)." in page
    data = np.load(folder / "01-paths-paths.npz")
    assert data["paths"].shape == (2, 16, 2)
    saved = json.loads((folder / "01-paths.json").read_text())
    assert saved["paths"] == spec  # the figure's recipe reproduces the paths
    again = paths({k: v for k, v in saved.items() if k != "paths"}, PathsSpec.from_json(spec))
    np.testing.assert_array_equal(again.points, data["paths"])


def test_every_loss_has_a_formula_and_captions_carry_it() -> None:
    from explorer.catalog import loss_names
    from explorer.catalog.formulas import FORMULAS
    from ui.studies.report import caption_of

    assert set(FORMULAS) == set(loss_names()) and all(FORMULAS.values())
    res = explorer.evaluate(explorer.default_recipe("HuberLoss") | {"axes": []})
    assert "ℓ = ½(x − y)² if |x − y| < δ" in caption_of(res)


@pytest.mark.slow
def test_a_landscape_in_a_report_carries_its_file(tmp_path: Path, monkeypatch) -> None:
    from explorer.landscape import store
    from explorer.landscape.command import prepare
    from explorer.landscape.command import run as run_landscape
    from explorer.progress import drain
    from tests.cli.test_landscape import EXAMPLE, args

    monkeypatch.setenv("LOSS_EXPLORER_TRUST", str(tmp_path / "trust.json"))
    h5 = tmp_path / "land.h5"
    drain(run_landscape(prepare(args(str(EXAMPLE), "--grid", "4x3", "--out", str(h5), "--trust"))))
    p = run("report", "land.h5", "--out", "rep", "--width", "400", "--height", "300", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    folder = tmp_path / "rep" / "01-land"
    copied, original = store.read(folder / "01-land.h5"), store.read(h5)
    for k in ("train_loss", "train_acc", "xcoordinates", "ycoordinates"):
        np.testing.assert_array_equal(copied[k], original[k])
    np.testing.assert_array_equal(
        np.load(folder / "01-land.npz")["train_loss"], original["train_loss"]
    )


@pytest.mark.slow
def test_a_spectrum_and_a_curvature_landscape_in_a_report(tmp_path: Path, monkeypatch) -> None:
    """`main.py hessian`'s JSON is a figure of its own (the spectrum, its data, its caption); a
    landscape with --curvature brings its eigenvalue maps beside the loss."""
    import json

    from explorer.landscape import store
    from explorer.landscape.command import prepare
    from explorer.landscape.command import run as run_landscape
    from explorer.landscape.spec import LandscapeSpec
    from explorer.progress import drain
    from tests.cli.test_landscape import EXAMPLE

    monkeypatch.setenv("LOSS_EXPLORER_TRUST", str(tmp_path / "trust.json"))
    h5 = tmp_path / "curv.h5"
    spec = LandscapeSpec(EXAMPLE, h5, grid=(3, 2), curvature=True, trust=True)
    drain(run_landscape(prepare(spec)))
    p = run("hessian", str(EXAMPLE), "--top-k", "2", "--density", "--out", "h.json", "--trust",
            cwd=tmp_path)  # fmt: skip
    assert p.returncode == 0, p.stderr
    p = run("report", "h.json", "curv.h5", "--out", "rep", "--width", "400", "--height", "300",
            cwd=tmp_path)  # fmt: skip
    assert p.returncode == 0, p.stderr
    spectrum = tmp_path / "rep" / "01-h"
    assert json.loads((spectrum / "01-h.json").read_text()) == json.loads(
        (tmp_path / "h.json").read_text()
    )
    assert (spectrum / "01-h.png").stat().st_size > 3000 and (spectrum / "01-h.svg").exists()
    maps = tmp_path / "rep" / "02-curv"
    for q in ("max_eig", "min_eig", "ratio"):
        assert (maps / f"02-curv-{q}.png").stat().st_size > 3000
    copied = store.read(maps / "02-curv.h5")
    np.testing.assert_array_equal(copied["max_eig"], store.read(h5)["max_eig"])
    page = (tmp_path / "rep" / "index.html").read_text()
    assert "Hessian spectrum: Hessian of the mean loss of digits_mlp.py" in page
    assert "Curvature: max_eig and min_eig" in page and page.count("<figure>") == 2
    assert page.count("<img") == 5  # the spectrum; the loss and its three eigenvalue maps


@pytest.mark.slow
def test_a_report_of_the_three_example_models(tmp_path: Path, monkeypatch) -> None:
    """Spectra and curvature landscapes of the MLP, the CNN with BatchNorm and the tied-weight
    language model, in one report (small versions: two eigenvalues, 2 x 2 grids)."""
    from explorer.landscape.command import prepare
    from explorer.landscape.command import run as run_landscape
    from explorer.landscape.hessian import HessianSpec, write
    from explorer.landscape.hessian import prepare as prepare_hessian
    from explorer.landscape.hessian import run as run_hessian
    from explorer.landscape.spec import LandscapeSpec
    from explorer.progress import drain

    monkeypatch.setenv("LOSS_EXPLORER_TRUST", str(tmp_path / "trust.json"))
    models = Path(__file__).resolve().parents[2] / "resources" / "models"
    files = []
    for name in ("digits_mlp", "digits_cnn", "tiny_lm"):
        model = models / f"{name}.py"
        h = tmp_path / f"{name}-h.json"
        spec = HessianSpec(model, h, top_k=2, tol=1e-2, density=True, trust=True)
        write(drain(run_hessian(prepare_hessian(spec))), h, None)
        land = tmp_path / f"{name}.h5"
        drain(run_landscape(prepare(LandscapeSpec(
            model, land, grid=(2, 2), curvature=name != "digits_cnn", trust=True))))  # fmt: skip
        files += [h.name, land.name]
    p = run("report", *files, "--out", "rep", "--width", "360", "--height", "260", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    page = (tmp_path / "rep" / "index.html").read_text()
    assert page.count("<figure>") == 6
    for name in ("digits_mlp.py", "digits_cnn.py", "tiny_lm.py"):
        assert f"Hessian of the mean loss of {name}" in page
    assert (tmp_path / "rep" / "06-tiny_lm" / "06-tiny_lm-max_eig.png").exists()
