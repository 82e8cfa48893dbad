using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>A detached copy of a module's state dict, outside every dispose scope, updated and restored in place.</summary>
    internal sealed class WeightSnapshot : IDisposable
    {
        private readonly Dictionary<string, Tensor> copies = [];

        private WeightSnapshot()
        {
        }

        public WeightSnapshot(nn.Module module)
        {
            using var noGrad = torch.no_grad();
            foreach (var (name, tensor) in module.state_dict())
            {
                using var detached = tensor.detach();
                copies[name] = detached.clone().DetachFromDisposeScope();
            }
        }

        /// <summary>Epoch whose weights the snapshot holds (0 = initial).</summary>
        public int Epoch { get; set; }

        public void Update(nn.Module module, int epoch)
        {
            using var noGrad = torch.no_grad();
            foreach (var (name, tensor) in module.state_dict())
            {
                copies[name].copy_(tensor);
            }

            Epoch = epoch;
        }

        public void Restore(nn.Module module)
        {
            using var noGrad = torch.no_grad();
            foreach (var (name, tensor) in module.state_dict())
            {
                tensor.copy_(copies[name]);
            }
        }

        /// <summary>Writes the copies into <paramref name="state"/>, each under <paramref name="prefix"/> and its state-dict key.</summary>
        public void Save(TrainingState state, string prefix)
        {
            foreach (var (name, copy) in copies)
            {
                state.Set(prefix + name, copy);
            }
        }

        /// <summary>The snapshot <see cref="Save"/> wrote, or null when it wrote none (the keys are the model's: the checkpoint's fingerprint was checked).</summary>
        public static WeightSnapshot? Load(TrainingState state, string prefix, int epoch)
        {
            var names = state.Names.Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (names.Count == 0)
            {
                return null;
            }

            var snapshot = new WeightSnapshot { Epoch = epoch };
            foreach (var name in names)
            {
                snapshot.copies[name[prefix.Length..]] = state.Get(name).clone().DetachFromDisposeScope();
            }

            return snapshot;
        }

        public void Dispose()
        {
            foreach (var copy in copies.Values)
            {
                copy.Dispose();
            }

            copies.Clear();
        }
    }
}
