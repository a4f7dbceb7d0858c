"""An example model file for `main.py landscape`: a small MLP on handwritten digits.

The data are the 1,797 8x8 images of the UCI "Optical Recognition of Handwritten Digits" test set
(E. Alpaydin, C. Kaynak, 1998; CC BY 4.0), as scikit-learn ships them, stored in digits.npz. The
checkpoints in digits_mlp_checkpoints/ come from `python resources/models/digits_mlp.py`: six
epochs of SGD from a fixed seed. A model file defines build_model, eval_data and loss_fn, and may
define accuracy and checkpoints (state_dict paths, in training order; the last is the centre).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

HERE = Path(__file__).resolve().parent
CHECKPOINTS = HERE / "digits_mlp_checkpoints"


def build_model(hidden: tuple[int, ...] = (64, 32)) -> nn.Module:
    sizes = (64, *hidden)
    layers: list[nn.Module] = []
    for a, b in pairwise(sizes):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return nn.Sequential(*layers, nn.Linear(sizes[-1], 10))


def eval_data() -> tuple[torch.Tensor, torch.Tensor]:
    d = np.load(HERE / "digits.npz")
    images = torch.tensor(d["images"], dtype=torch.float32) / 16.0
    return images, torch.tensor(d["labels"], dtype=torch.int64)


def loss_fn(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    return F.cross_entropy(output, target)


def accuracy(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    return (output.argmax(dim=-1) == target).float().mean()


def checkpoints() -> list[Path]:
    return sorted(CHECKPOINTS.glob("epoch_*.pt"))


def train(epochs: int = 6, seed: int = 0) -> None:
    """Write the checkpoints: the initial weights, then one per epoch."""
    torch.manual_seed(seed)
    model = build_model()
    x, y = eval_data()
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    CHECKPOINTS.mkdir(exist_ok=True)
    torch.save(model.state_dict(), CHECKPOINTS / "epoch_00.pt")
    for epoch in range(1, epochs + 1):
        for idx in torch.randperm(len(x)).split(64):
            opt.zero_grad()
            loss_fn(model(x[idx]), y[idx]).backward()
            opt.step()
        torch.save(model.state_dict(), CHECKPOINTS / f"epoch_{epoch:02d}.pt")
        with torch.no_grad():
            out = model(x)
        print(f"epoch {epoch}: loss {loss_fn(out, y):.4f}, accuracy {accuracy(out, y):.3f}")


if __name__ == "__main__":
    train()
