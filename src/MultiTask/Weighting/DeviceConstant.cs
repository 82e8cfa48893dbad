using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// A constant float vector, made on the CPU at construction and again on the first use on another device or dtype, outside every
    /// dispose scope (not a module buffer, so it is not in the state dict); for the fixed per-task factors of a weighting.
    /// </summary>
    public sealed class DeviceConstant : IDisposable
    {
        private readonly float[] values;
        private Tensor tensor;

        /// <summary>Holds <paramref name="values"/>.</summary>
        public DeviceConstant(System.Collections.Generic.IEnumerable<double> values)
        {
            ArgumentNullException.ThrowIfNull(values);
            this.values = values.Select(v => (float)v).ToArray();
            tensor = torch.tensor(this.values).DetachFromDisposeScope();
        }

        /// <summary>The values on the device and in the dtype of <paramref name="like"/> (made on the first call for them); do not dispose it.</summary>
        public Tensor On(Tensor like)
        {
            ArgumentNullException.ThrowIfNull(like);
            if (tensor.device_type != like.device_type || tensor.device_index != like.device_index || tensor.dtype != like.dtype)
            {
                tensor.Dispose();
                using var host = torch.tensor(values);
                tensor = host.to(like.dtype, like.device).DetachFromDisposeScope();
            }

            return tensor;
        }

        /// <inheritdoc />
        public void Dispose() => tensor.Dispose();
    }
}
