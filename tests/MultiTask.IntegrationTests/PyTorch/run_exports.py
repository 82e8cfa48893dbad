"""Runs exported models in PyTorch for PyTorchExportTests: one process for every case folder given on the command line.

Each folder holds an export (model.py, model.safetensors, model.json) and input.safetensors ("input", or "input.<Task>"
for a model with one input per task, and optionally "target.<Task>" and "mask.<Task>"). The model is loaded in eval mode
and its outputs on that input are written to outputs.safetensors, with compute_loss's terms as "loss.<name>" and
"loss.Total" when there are targets. A model with a user module cannot be built without the user's class: the error is written to
error.txt instead.
"""
import importlib.util
import json
import sys
from pathlib import Path

import torch


def load_module(folder):
    spec = importlib.util.spec_from_file_location(f"export_{folder.name}", folder / "model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(folder):
    module = load_module(folder)
    manifest = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    model_class = getattr(module, manifest["pythonClass"])
    try:
        model = model_class.load(folder / "model.safetensors").eval()
    except NotImplementedError as error:
        (folder / "error.txt").write_text(str(error), encoding="utf-8")
        return
    inputs = module.load_safetensors(folder / "input.safetensors")
    with torch.no_grad():
        if manifest["inputPerTask"]:
            outputs = model({key[len("input."):]: value for key, value in inputs.items() if key.startswith("input.")})
        else:
            outputs = model(inputs["input"])
        results = {name: value for name, value in outputs.items() if value is not None}
        targets = {key[len("target."):]: value for key, value in inputs.items() if key.startswith("target.")}
        if targets:
            masks = {key[len("mask."):]: value for key, value in inputs.items() if key.startswith("mask.")}
            total, losses = model.compute_loss(outputs, targets, masks, inputs.get("input"))
            results.update({f"loss.{name}": value for name, value in losses.items()})
            results["loss.Total"] = total
    module.save_safetensors(results, folder / "outputs.safetensors")


if __name__ == "__main__":
    torch.set_num_threads(1)
    for argument in sys.argv[1:]:
        run(Path(argument))
        print(f"ran {argument}")
