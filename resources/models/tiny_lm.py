"""An example model file: a tiny character-level transformer language model whose output layer
is its input embedding (tied weights: one parameter, stepped once along every direction).

The text is "The Zen of Python" by Tim Peters (zen_of_python.txt, as Python's `this` module
prints it). `python resources/models/tiny_lm.py` trains it and writes the checkpoints into
tiny_lm_checkpoints/ in well under a minute on two cores.
"""

from __future__ import annotations

import math
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

HERE = Path(__file__).resolve().parent
CHECKPOINTS = HERE / "tiny_lm_checkpoints"
TEXT = (HERE / "zen_of_python.txt").read_text(encoding="utf-8")
VOCAB = sorted(set(TEXT))
CONTEXT = 32


class Block(nn.Module):
    """Pre-norm causal self-attention and an MLP, written out (double backward runs through)."""

    def __init__(self, dim: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 2 * dim), nn.GELU(), nn.Linear(2 * dim, dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n, t, d = x.shape
        q, k, v = (
            z.reshape(n, t, self.heads, d // self.heads).transpose(1, 2)
            for z in self.qkv(self.norm1(x)).split(d, -1)
        )
        att = q @ k.transpose(-2, -1) / math.sqrt(d // self.heads)
        causal = torch.ones(t, t, dtype=torch.bool, device=x.device).triu(1)
        att = att.masked_fill(causal, float("-inf")).softmax(-1)
        x = x + self.proj((att @ v).transpose(1, 2).reshape(n, t, d))
        return x + self.mlp(self.norm2(x))


class TinyLM(nn.Module):
    def __init__(self, vocab: int, dim: int = 32, heads: int = 2) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.pos = nn.Parameter(torch.zeros(CONTEXT, dim))
        self.block = Block(dim, heads)
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, vocab, bias=False)
        self.head.weight = self.embed.weight  # tied

    def forward(self, idx: torch.Tensor) -> torch.Tensor:
        h = self.embed(idx) + self.pos[: idx.shape[1]]
        return self.head(self.norm(self.block(h)))


def build_model() -> nn.Module:
    torch.manual_seed(0)
    return TinyLM(len(VOCAB))


def eval_data() -> tuple[torch.Tensor, torch.Tensor]:
    """Every window of CONTEXT characters (stride 8) and the next character at each place."""
    ids = torch.tensor([VOCAB.index(c) for c in TEXT])
    starts = range(0, len(ids) - CONTEXT - 1, 8)
    x = torch.stack([ids[s : s + CONTEXT] for s in starts])
    y = torch.stack([ids[s + 1 : s + CONTEXT + 1] for s in starts])
    return x, y


def loss_fn(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    return F.cross_entropy(output.reshape(-1, output.shape[-1]), target.reshape(-1))


def accuracy(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    return (output.argmax(-1) == target).float().mean()


def checkpoints() -> list[Path]:
    return sorted(CHECKPOINTS.glob("step_*.pt"))


def train(steps: int = 600, every: int = 150, seed: int = 0) -> None:
    torch.manual_seed(seed)
    model = build_model()
    x, y = eval_data()
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    CHECKPOINTS.mkdir(exist_ok=True)
    torch.save(model.state_dict(), CHECKPOINTS / "step_0000.pt")
    for step in range(1, steps + 1):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        if step % every == 0:
            torch.save(model.state_dict(), CHECKPOINTS / f"step_{step:04d}.pt")
            with torch.no_grad():
                out = model(x)
            print(f"step {step}: loss {loss_fn(out, y):.4f}, accuracy {accuracy(out, y):.3f}")


if __name__ == "__main__":
    train()
