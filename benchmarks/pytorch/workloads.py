#!/usr/bin/env python3
"""PyTorch eager baseline for the training workloads of benchmarks/MultiTask.Benchmarks (docs/performance.md).

The same three networks as the hand-written TorchSharp modules (Workloads/Hps, Mmoe, Soft), in idiomatic PyTorch:
same layers and shapes, same losses, Adam lr 1e-3, float32, batch sizes as in C#, synthetic data made once and cycled,
2 threads, a bare loop (zero_grad, forward, loss, backward, step; no host sync). The variants of a workload run
interleaved (A B ... A B ..., order rotated every round, gc.collect() between rounds), warm-up rounds, then timed rounds;
prints the median steps/s per variant and every round.

Run with eng/pytorch-baseline.sh (installs Debian's python3-torch and OpenBLAS/OpenMP if missing), e.g.
    eng/pytorch-baseline.sh --workload mmoe --rounds 12
"""
import argparse
import gc
import itertools
import math
import os
import platform
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


# ---------------------------------------------------------------- models

class Hps(nn.Module):
    """Trunk 784-512-256 ReLU, a 10-class head and a binary head."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 512)
        self.fc2 = nn.Linear(512, 256)
        self.digit = nn.Linear(256, 10)
        self.flag = nn.Linear(256, 1)

    def forward(self, x):
        h = F.relu(self.fc2(F.relu(self.fc1(x))))
        return self.digit(h), self.flag(h).squeeze(-1)

    def loss(self, out, digit, flag):
        return F.cross_entropy(out[0], digit) + F.binary_cross_entropy_with_logits(out[1], flag)


class MmoeNaive(nn.Module):
    """8 experts Linear(100, 64) ReLU each, a Linear(100, 8) + softmax gate per task, towers 64-32-1."""

    def __init__(self):
        super().__init__()
        self.experts = nn.ModuleList(nn.Linear(100, 64) for _ in range(8))
        self.gate1 = nn.Linear(100, 8)
        self.gate2 = nn.Linear(100, 8)
        self.tower1, self.out1 = nn.Linear(64, 32), nn.Linear(32, 1)
        self.tower2, self.out2 = nn.Linear(64, 32), nn.Linear(32, 1)

    def forward(self, x):
        experts = torch.stack([F.relu(e(x)) for e in self.experts], 1)  # [N, 8, 64]
        mix1 = (F.softmax(self.gate1(x), -1).unsqueeze(-1) * experts).sum(1)
        mix2 = (F.softmax(self.gate2(x), -1).unsqueeze(-1) * experts).sum(1)
        return (self.out1(F.relu(self.tower1(mix1))).squeeze(-1),
                self.out2(F.relu(self.tower2(mix2))).squeeze(-1))

    def loss(self, out, y1, y2):
        return F.mse_loss(out[0], y1) + F.mse_loss(out[1], y2)


class MmoeBatched(MmoeNaive):
    """The same network with all experts in one [8, 100, 64] weight (one batched matmul), both gates in one
    Linear(100, 16), the mixture as one einsum (the C# MmoeBatched)."""

    def __init__(self):
        nn.Module.__init__(self)
        bound = 1.0 / math.sqrt(100)
        self.expert_weight = nn.Parameter(torch.empty(8, 100, 64).uniform_(-bound, bound))
        self.expert_bias = nn.Parameter(torch.empty(8, 64).uniform_(-bound, bound))
        self.gates = nn.Linear(100, 16)
        self.tower1, self.out1 = nn.Linear(64, 32), nn.Linear(32, 1)
        self.tower2, self.out2 = nn.Linear(64, 32), nn.Linear(32, 1)

    def forward(self, x):
        experts = F.relu(torch.matmul(x, self.expert_weight) + self.expert_bias.unsqueeze(1))  # [8, N, 64]
        weights = self.gates(x).view(x.shape[0], 2, 8).softmax(-1)                           # [N, 2, 8]
        mix = torch.einsum("nke,enh->knh", weights, experts)                                  # [2, N, 64]
        return (self.out1(F.relu(self.tower1(mix[0]))).squeeze(-1),
                self.out2(F.relu(self.tower2(mix[1]))).squeeze(-1))


class Soft(nn.Module):
    """Three towers 64-128-128-1; penalty lambda * sum_i ||theta_i - mean||^2 over the two hidden Linears' weights and
    biases (not the output layers)."""

    def __init__(self, lam=1e-3):
        super().__init__()
        self.lam = lam
        self.towers = nn.ModuleList(
            nn.ModuleList([nn.Linear(64, 128), nn.Linear(128, 128), nn.Linear(128, 1)]) for _ in range(3))

    def forward(self, x):
        return tuple(out(F.relu(h2(F.relu(h1(x))))).squeeze(-1) for h1, h2, out in self.towers)

    def penalty(self):
        total = 0
        for layer in (0, 1):
            for name in ("weight", "bias"):
                stacked = torch.stack([getattr(t[layer], name) for t in self.towers])
                total = total + (stacked - stacked.mean(0, keepdim=True)).square().sum()
        return total * self.lam

    def loss(self, out, y1, y2, y3):
        return F.mse_loss(out[0], y1) + F.mse_loss(out[1], y2) + F.mse_loss(out[2], y3) + self.penalty()


# ---------------------------------------------------------------- data (made once, cycled)

def hps_data(batch=256, batches=50):
    return [(torch.randn(batch, 784), torch.randint(0, 10, (batch,)), torch.randint(0, 2, (batch,)).float())
            for _ in range(batches)]


def regression_targets(x, k):
    """k correlated regression targets from random projections with sines and noise (the MMoE paper's recipe)."""
    d = x.shape[1]
    base = torch.randn(d)
    ys = []
    for _ in range(k):
        w = 0.5 * base + math.sqrt(1 - 0.5 ** 2) * torch.randn(d)
        z = x @ w
        alpha, beta = torch.randn(10), torch.randn(10)
        ys.append(z + torch.sin(alpha[:, None] * z + beta[:, None]).sum(0) + 0.1 * torch.randn(x.shape[0]))
    return ys


def regression_data(batch, batches, dim, tasks):
    out = []
    for _ in range(batches):
        x = torch.randn(batch, dim)
        out.append((x, *regression_targets(x, tasks)))
    return out


WORKLOADS = {
    # name: (variants {name: model class}, data factory, steps per round)
    "hps": ({"hand": Hps}, hps_data, 150),
    "mmoe": ({"naive": MmoeNaive, "batched": MmoeBatched}, lambda: regression_data(1024, 20, 100, 2), 200),
    "soft": ({"hand": Soft}, lambda: regression_data(512, 20, 64, 3), 200),
}


# ---------------------------------------------------------------- harness

class Runner:
    def __init__(self, model_cls, data):
        torch.manual_seed(1)
        self.model = model_cls()
        self.opt = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        self.batches = itertools.cycle(data)

    def run(self, steps):
        model, opt = self.model, self.opt
        for _ in range(steps):
            x, *targets = next(self.batches)
            opt.zero_grad()
            loss = model.loss(model(x), *targets)
            loss.backward()
            opt.step()


def bench(name, rounds, warmup, steps):
    variants, make_data, default_steps = WORKLOADS[name]
    steps = steps or default_steps
    torch.manual_seed(0)
    data = make_data()
    runners = {v: Runner(cls, data) for v, cls in variants.items()}
    rates = {v: [] for v in runners}
    order = list(runners)
    for r in range(warmup + rounds):
        for v in order:
            gc.collect()
            start = time.perf_counter()
            runners[v].run(steps)
            elapsed = time.perf_counter() - start
            if r >= warmup:
                rates[v].append(steps / elapsed)
        order = order[1:] + order[:1]
    for v, rs in rates.items():
        med = statistics.median(rs)
        print(f"| {name} | {v} | {med:.1f} | {min(rs):.1f} | {max(rs):.1f} | {1000 / med:.2f} |"
              f"  rounds: {' '.join(f'{x:.1f}' for x in rs)}", flush=True)
    if len(rates) == 2:
        a, b = rates
        per_round = statistics.median(x / y for x, y in zip(rates[b], rates[a]))
        print(f"  {name}: {b} / {a} = {statistics.median(rates[b]) / statistics.median(rates[a]):.3f} "
              f"(median of per-round ratios {per_round:.3f})", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workload", choices=list(WORKLOADS), help="default: all three")
    p.add_argument("--rounds", type=int, default=12)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--steps", type=int, default=0, help="steps per round (default: 150 hps, 200 mmoe and soft)")
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    with open("/proc/self/maps") as maps:  # the libblas.so.3 actually loaded (Debian's libtorch links against it)
        blas = sorted({line.split()[-1] for line in maps if "libblas" in line or "openblas" in line}) or ["?"]
    print(f"# PyTorch eager baseline, {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC")
    print(f"- torch {torch.__version__} (BLAS {blas[0]}), Python {platform.python_version()}, threads {torch.get_num_threads()}, "
          f"{os.cpu_count()} logical CPUs; load average at the start {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| workload | variant | steps/s (median) | min | max | ms/step |")
    print("| --- | --- | ---: | ---: | ---: | ---: |", flush=True)
    for name in [a.workload] if a.workload else WORKLOADS:
        bench(name, a.rounds, a.warmup, a.steps)
    print(f"- load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
