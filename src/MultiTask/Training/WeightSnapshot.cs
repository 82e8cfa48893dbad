using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>A detached copy of a module's state dict, outside every dispose scope, updated and restored in place.</summary>
    internal sealed class WeightSnapshot : IDisposable
    {
        private readonly Dictionary<string, Tensor> copies = [];

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
