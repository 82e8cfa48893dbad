"""Trains a model exported by MultiTask (model.ExportPyTorch(folder)) in PyTorch, on one process or many with DDP.

    python3 eng/pytorch/train_ddp.py --export EXPORT --data data.safetensors --epochs 1 --out trained.safetensors
    torchrun --nproc_per_node=4 eng/pytorch/train_ddp.py --export EXPORT --data data.safetensors --epochs 10 --out trained.safetensors
    torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --master_port=29500 --nproc_per_node=8 eng/pytorch/train_ddp.py ...

The data file holds "input" [N, INPUT_SIZE] (or "input.<Task>" for a model with one input per task), "target.<Task>" for
each task (class indices, 0/1 labels or values) and optionally "mask.<Task>" (bool [N], false where the label is absent).
The loss is the model's compute_loss: the C# declaration's task weights, soft-sharing penalty and reconstruction loss.
Under torchrun (WORLD_SIZE set) every process trains on its own shard of each epoch's shuffled rows with
DistributedDataParallel (gloo on CPU, nccl on GPUs); rank 0 writes the trained state dict (--out, safetensors, and
--torch-save, torch.save's format), either of which model.ImportPyTorch(path) reads back in C#.
"""
import argparse
import importlib.util
import json
import os
from pathlib import Path

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel


def load_export(folder):
    spec = importlib.util.spec_from_file_location("exported_model", Path(folder) / "model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    manifest = json.loads((Path(folder) / "model.json").read_text(encoding="utf-8"))
    return module, getattr(module, manifest["pythonClass"])


def select(tensors, prefix, rows):
    return {key[len(prefix):]: value[rows] for key, value in tensors.items() if key.startswith(prefix)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--export", required=True, help="the folder model.ExportPyTorch wrote")
    parser.add_argument("--data", required=True, help="safetensors file with input, target.<Task> and mask.<Task>")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32, help="rows per step on each process")
    parser.add_argument("--optimizer", choices=["sgd", "adam"], default="adam")
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True, help="the trained state dict as safetensors")
    parser.add_argument("--torch-save", help="also the trained state dict in torch.save's format")
    parser.add_argument("--predict", help="after training: a safetensors file with input rows to run the model on ...")
    parser.add_argument("--predictions", help="... and where to write its outputs (eval mode)")
    args = parser.parse_args()

    distributed = "WORLD_SIZE" in os.environ
    if distributed:
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    rank, world = (dist.get_rank(), dist.get_world_size()) if distributed else (0, 1)
    device = torch.device(f"cuda:{int(os.environ.get('LOCAL_RANK', 0))}") if torch.cuda.is_available() else torch.device("cpu")

    module, model_class = load_export(args.export)
    model = model_class.load(Path(args.export) / "model.safetensors").to(device)
    data = {key: value.to(device) for key, value in module.load_safetensors(args.data).items()}
    rows = next(value.shape[0] for key, value in data.items() if key.startswith("target."))
    # With one input per task, a batch without a task's rows leaves its head unused.
    trained = DistributedDataParallel(model, find_unused_parameters=model.INPUT_PER_TASK) if distributed else model
    parameters = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.Adam(parameters, lr=args.lr) if args.optimizer == "adam" else torch.optim.SGD(parameters, lr=args.lr)

    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(rows, generator=torch.Generator().manual_seed(args.seed + epoch)).to(device)
        shard = order[rank::world]
        total, steps = 0.0, 0
        for start in range(0, shard.shape[0], args.batch_size):
            batch = shard[start:start + args.batch_size]
            input = select(data, "input.", batch) if model.INPUT_PER_TASK else data["input"][batch]
            outputs = trained(input)
            loss, _ = model.compute_loss(outputs, select(data, "target.", batch), select(data, "mask.", batch), input)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total, steps = total + loss.item(), steps + 1
        if rank == 0:
            print(f"epoch {epoch}: mean loss {total / max(steps, 1):.6f} over {steps} steps on each of {world} processes", flush=True)

    if rank == 0:
        state = {key: value.cpu() for key, value in model.state_dict().items()}
        module.save_safetensors(state, args.out)
        if args.torch_save:
            torch.save(state, args.torch_save)
        if args.predict:
            model.eval()
            probe = {key: value.to(device) for key, value in module.load_safetensors(args.predict).items()}
            with torch.no_grad():
                input = {key[len("input."):]: value for key, value in probe.items()} if model.INPUT_PER_TASK else probe["input"]
                outputs = model(input)
            module.save_safetensors({name: value.cpu() for name, value in outputs.items() if value is not None}, args.predictions)
        print(f"wrote {args.out}", flush=True)
    if distributed:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
