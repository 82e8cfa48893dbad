# ---- MultiTask's building blocks in PyTorch (the same text in every export) -------------------------------------------
# Each block computes what its C# namesake in src/MultiTask/Blocks computes and has the same state-dict keys.

import json
import struct

import torch
import torch.nn.functional as F
from torch import nn

ACTIVATIONS = {"ReLU": F.relu, "GELU": F.gelu, "Tanh": torch.tanh, "SiLU": F.silu}


class Trunk(nn.Module):
    """Linear -> [LayerNorm] -> activation -> [Dropout] per hidden width (keys layers.0.weight, ...)."""

    def __init__(self, layers):
        super().__init__()
        self.layers = nn.Sequential(*layers)

    def forward(self, input):
        return self.layers(input)


class Head(nn.Module):
    """A tower (keys tower.*) and an output layer (keys output.*); [N] when there is one output, else [N, outputs]."""

    def __init__(self, tower, output):
        super().__init__()
        self.tower = nn.Sequential(*tower)
        self.output = output

    def forward(self, input):
        result = self.output(self.tower(input))
        return result.squeeze(-1) if self.output.out_features == 1 else result


class AutoencoderTrunk(nn.Module):
    """The encoder (keys encoder.*) gives the latent code the heads read; the decoder (keys decoder.*) reconstructs the input."""

    def __init__(self, encoder, decoder):
        super().__init__()
        self.encoder = nn.Sequential(*encoder)
        self.decoder = nn.Sequential(*decoder)

    def forward(self, input):
        return self.encoder(input)

    def decode(self, latent):
        return self.decoder(latent)


class ExpertBank(nn.Module):
    """E expert MLPs computed together: layer l is weights.l [E, in, out] and biases.l [E, out]; returns [E, N, out]."""

    def __init__(self, experts, widths, activation):
        super().__init__()
        self.activation = ACTIVATIONS[activation]
        self.weights = nn.ParameterList([nn.Parameter(torch.empty(experts, i, o)) for i, o in zip(widths, widths[1:])])
        self.biases = nn.ParameterList([nn.Parameter(torch.empty(experts, o)) for o in widths[1:]])
        for weight, bias in zip(self.weights, self.biases):
            bound = 1.0 / weight.shape[1] ** 0.5
            nn.init.uniform_(weight, -bound, bound)
            nn.init.uniform_(bias, -bound, bound)

    def forward(self, input):
        current = input
        for weight, bias in zip(self.weights, self.biases):
            current = self.activation(torch.matmul(current, weight) + bias.unsqueeze(1))
        return current


class MixtureOfExperts(nn.Module):
    """MMoE: shared experts (keys experts.*) and one softmax gate per task, all in one Linear (keys gates.*)."""

    def __init__(self, input_size, experts, hidden, tasks, activation):
        super().__init__()
        self.tasks = tasks
        self.experts_count = experts
        self.experts = ExpertBank(experts, [input_size, *hidden], activation)
        self.gates = nn.Linear(input_size, tasks * experts)

    def forward(self, input):
        weights = self.gates(input).view(input.shape[0], self.tasks, self.experts_count).softmax(-1)
        return list(torch.einsum("nke,enh->knh", weights, self.experts(input)).unbind(0))


class CrossStitchNetwork(nn.Module):
    """One tower per task (keys towers.k.l.*) and a learned K x K mixing of the towers' activations after each layer
    (stitches [L, K, K]: stitches[l, i, j] is how much task i reads tower j); returns one representation per task."""

    def __init__(self, towers):
        super().__init__()
        self.towers = nn.ModuleList([nn.ModuleList([nn.Sequential(*layer) for layer in tower]) for tower in towers])
        self.stitches = nn.Parameter(torch.zeros(len(towers[0]), len(towers), len(towers)))

    def forward(self, input):
        mixed = None
        for level, stitch in enumerate(self.stitches):
            activations = torch.stack([tower[level](input if mixed is None else mixed[k]) for k, tower in enumerate(self.towers)], 0)
            mixed = torch.einsum("ij,jnh->inh", stitch, activations)
        return list(mixed.unbind(0))


class ExtractionLevel(nn.Module):
    """One PLE level: shared experts then each task's own (keys experts.*), task gates (taskGates.k.*), a shared gate below the last level."""

    def __init__(self, input_size, tasks, shared_experts, task_experts, hidden, activation, last):
        super().__init__()
        self.tasks, self.shared_experts, self.task_experts = tasks, shared_experts, task_experts
        self.experts = ExpertBank(shared_experts + tasks * task_experts, [input_size, *hidden], activation)
        self.taskGates = nn.ModuleList([nn.Linear(input_size, shared_experts + task_experts) for _ in range(tasks)])
        self.sharedGate = None if last else nn.Linear(input_size, shared_experts + tasks * task_experts)

    def forward(self, shared_input, task_inputs):
        if task_inputs is None or self.task_experts == 0:
            expert_outputs = self.experts(shared_input)
        else:
            pieces = [shared_input.unsqueeze(0).expand(self.shared_experts, -1, -1)] if self.shared_experts > 0 else []
            pieces += [x.unsqueeze(0).expand(self.task_experts, -1, -1) for x in task_inputs]
            expert_outputs = self.experts(torch.cat(pieces, 0))
        full = []
        for k, gate in enumerate(self.taskGates):
            weights = gate(shared_input if task_inputs is None else task_inputs[k]).softmax(-1)
            full.append(self._spread(weights, k))
        if self.sharedGate is not None:
            full.append(self.sharedGate(shared_input).softmax(-1))
        return list(torch.einsum("nge,enh->gnh", torch.stack(full, 1), expert_outputs).unbind(0))

    def _spread(self, weights, task):
        if self.task_experts == 0:
            return weights
        shared = weights.narrow(1, 0, self.shared_experts)
        own = weights.narrow(1, self.shared_experts, self.task_experts)
        placed = F.pad(own, [task * self.task_experts, (self.tasks - task - 1) * self.task_experts])
        return torch.cat([shared, placed], 1)


class ProgressiveLayeredExtraction(nn.Module):
    """PLE (levels.l.*); one output per task."""

    def __init__(self, input_size, tasks, shared_experts, task_experts, hidden, levels, activation):
        super().__init__()
        self.tasks = tasks
        widths = [input_size] + [hidden[-1]] * (levels - 1)
        self.levels = nn.ModuleList(
            [ExtractionLevel(w, tasks, shared_experts, task_experts, hidden, activation, last=l == levels - 1) for l, w in enumerate(widths)])

    def forward(self, input):
        paths = None
        for level in self.levels:
            paths = level(input, None) if paths is None else level(paths[self.tasks], paths[:self.tasks])
        return paths


class StateHolder(nn.Module):
    """Holds state-dict entries that take no part in the forward pass (a loss weighting's parameters), so the keys match."""

    def __init__(self, entries):
        super().__init__()
        for name, shape, dtype, is_parameter in entries:
            owner = self
            *path, leaf = name.split(".")
            for part in path:
                if part not in owner._modules:
                    owner.add_module(part, nn.Module())
                owner = owner._modules[part]
            value = torch.zeros(shape, dtype=getattr(torch, dtype))
            if is_parameter:
                owner.register_parameter(leaf, nn.Parameter(value, requires_grad=False))
            else:
                owner.register_buffer(leaf, value)


def missing_module(field, csharp_type, keys):
    raise NotImplementedError(
        f"'{field}' is the user module {csharp_type}, which MultiTask cannot translate. Write it as a torch.nn.Module with these "
        f"state-dict keys and pass it to the model's constructor ({field}=...): " + ", ".join(keys))


# ---- losses, as the C# tasks compute them (absent labels, given by a bool mask, do not count) -------------------------

def masked_mean(per_row, mask, row_weights=None):
    """sum m*l / sum m over the present rows; with row weights (a class weight per row's label) sum m*l / sum m*c."""
    present = torch.ones_like(per_row) if mask is None else mask.to(per_row.dtype)
    denominator = present if row_weights is None else present * row_weights
    total = denominator.sum()
    return (per_row * present).sum() / torch.where(total == 0, torch.ones_like(total), total)


def task_loss(task, output, target, mask=None):
    kind = task["kind"]
    if mask is not None:
        absent = ~mask if target.dim() == 1 else (~mask).reshape(-1, *([1] * (target.dim() - 1)))
        target = target.masked_fill(absent, 0)
    if kind == "classification":
        labels = target.long()
        class_weights = task.get("classWeights")
        weight = None if class_weights is None else torch.tensor(class_weights, dtype=output.dtype, device=output.device)
        per_row = F.cross_entropy(output, labels, weight=weight, reduction="none", label_smoothing=task["labelSmoothing"])
        return masked_mean(per_row, mask, None if weight is None else weight[labels])
    elif kind == "binary":
        weight = task.get("positiveWeight")
        pos_weight = None if weight is None else torch.tensor(weight, dtype=output.dtype, device=output.device)
        per_row = F.binary_cross_entropy_with_logits(output, target.to(output.dtype), reduction="none", pos_weight=pos_weight)
    else:
        losses = {"Mse": F.mse_loss, "L1": F.l1_loss}
        target = target.to(output.dtype)
        if task["loss"] == "Huber":
            per_element = F.huber_loss(output, target, reduction="none", delta=task["huberDelta"])
        else:
            per_element = losses[task["loss"]](output, target, reduction="none")
        per_row = per_element if per_element.dim() == 1 else per_element.mean(1)
    return masked_mean(per_row, mask)


def soft_sharing_distance(towers):
    """sum_i ||theta_i - theta_mean||^2 over the corresponding parameters of the towers."""
    total = 0
    for parameters in zip(*[list(t.parameters()) for t in towers]):
        stacked = torch.stack(parameters, 0)
        total = total + (stacked - stacked.mean(0, keepdim=True)).square().sum()
    return total


class MultiTaskModule(nn.Module):
    """The part every exported model shares: its tasks, the training loss of the C# model's declaration, loading weights."""

    TASKS = []
    SOFT_SHARING_LAMBDA = None
    RECONSTRUCTION_WEIGHT = None

    def heads(self):
        return [self.get_submodule(task["field"]) for task in self.TASKS]

    def compute_loss(self, outputs, targets, masks=None, input=None):
        """(total, {name: loss}): each task's loss over its present labels (masks: {task: bool [N]}), the total
        sum_i weight_i * L_i, plus the soft-sharing penalty and the weighted reconstruction loss (which needs the input)."""
        masks = masks or {}
        losses, total = {}, 0
        for task in self.TASKS:
            name = task["name"]
            if outputs.get(name) is None or targets.get(name) is None:
                continue
            losses[name] = task_loss(task, outputs[name], targets[name], masks.get(name))
            total = total + task["weight"] * losses[name]
        if self.SOFT_SHARING_LAMBDA is not None:
            losses["SoftSharing"] = self.SOFT_SHARING_LAMBDA * soft_sharing_distance([head.tower for head in self.heads()])
            total = total + losses["SoftSharing"]
        if self.RECONSTRUCTION_WEIGHT is not None:
            losses["Reconstruction"] = F.mse_loss(outputs["Reconstruction"], input)
            total = total + self.RECONSTRUCTION_WEIGHT * losses["Reconstruction"]
        return total, losses

    @classmethod
    def load(cls, path, **user_modules):
        """A model with the weights at path: a .safetensors file, or a state dict saved by torch.save."""
        model = cls(**user_modules)
        path = str(path)
        model.load_state_dict(load_safetensors(path) if path.endswith(".safetensors") else torch.load(path, map_location="cpu"))
        return model


def per_task(head, input, trunk=None):
    """A head's output for its task's own input, through the trunk when there is one; None when the task has no input."""
    if input is None:
        return None
    return head(input if trunk is None else trunk(input))


# ---- safetensors without the safetensors package: 8-byte little-endian header length, JSON header, raw data -----------

SAFETENSORS_DTYPES = {"F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "I64": torch.int64,
                      "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8, "BOOL": torch.bool}


def load_safetensors(path):
    with open(path, "rb") as file:
        data = file.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length].decode("utf-8"))
    start = 8 + length
    tensors = {}
    for key, entry in header.items():
        if key == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        raw = bytearray(data[start + begin:start + end])
        dtype = SAFETENSORS_DTYPES[entry["dtype"]]
        tensor = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
        tensors[key] = tensor.reshape(entry["shape"])
    return tensors


def save_safetensors(tensors, path):
    names = {dtype: name for name, dtype in SAFETENSORS_DTYPES.items()}
    header, chunks, offset = {}, [], 0
    for key, tensor in tensors.items():
        raw = tensor.detach().cpu().contiguous().reshape(-1).view(torch.uint8).numpy().tobytes()
        header[key] = {"dtype": names[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    encoded = json.dumps(header).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as file:
        file.write(struct.pack("<Q", len(encoded)))
        file.write(encoded)
        for raw in chunks:
            file.write(raw)
