"""An example model file: a small CNN with BatchNorm on the 1,797 handwritten digits (the data of
digits_mlp.py), so that `--keep-bias`, `--bn-recompute` and BatchNorm's statistics are exercised.

`python resources/models/digits_cnn.py` writes the checkpoints (the initial weights, then one
per epoch) into digits_cnn_checkpoints/ in well under a minute on two cores. Each checkpoint
is a state_dict, BatchNorm's running statistics included.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

HERE = Path(__file__).resolve().parent
CHECKPOINTS = HERE / "digits_cnn_checkpoints"


def build_model() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1),
        nn.BatchNorm2d(8),
        nn.ReLU(),
        nn.Conv2d(8, 16, 3, padding=1),
        nn.BatchNorm2d(16),
        nn.ReLU(),
        nn.AvgPool2d(2),
        nn.Flatten(),
        nn.Linear(16 * 4 * 4, 10),
    )


def eval_data() -> tuple[torch.Tensor, torch.Tensor]:
    d = np.load(HERE / "digits.npz")
    images = torch.tensor(d["images"], dtype=torch.float32).reshape(-1, 1, 8, 8) / 16.0
    return images, torch.tensor(d["labels"], dtype=torch.int64)


def loss_fn(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    return F.cross_entropy(output, target)


def accuracy(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    return (output.argmax(dim=-1) == target).float().mean()


def checkpoints() -> list[Path]:
    return sorted(CHECKPOINTS.glob("epoch_*.pt"))


def train(epochs: int = 4, seed: int = 0) -> None:
    torch.manual_seed(seed)
    model = build_model()
    x, y = eval_data()
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    CHECKPOINTS.mkdir(exist_ok=True)
    torch.save(model.state_dict(), CHECKPOINTS / "epoch_00.pt")
    for epoch in range(1, epochs + 1):
        model.train()
        for idx in torch.randperm(len(x)).split(64):
            opt.zero_grad()
            loss_fn(model(x[idx]), y[idx]).backward()
            opt.step()
        torch.save(model.state_dict(), CHECKPOINTS / f"epoch_{epoch:02d}.pt")
        model.eval()
        with torch.no_grad():
            out = model(x)
        print(f"epoch {epoch}: loss {loss_fn(out, y):.4f}, accuracy {accuracy(out, y):.3f}")


if __name__ == "__main__":
    train()
