using System;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Data.Encoding
{
    internal static class NativeTensor
    {
        /// <summary>
        /// A new tensor of <paramref name="shape"/> holding a copy of <paramref name="values"/> in native memory, freed as soon as
        /// it is disposed: torch.tensor(array) would clone the array onto the managed large object heap, which only a full
        /// collection frees.
        /// </summary>
        public static Tensor Of<T>(Span<T> values, ScalarType type, params long[] shape)
            where T : unmanaged
        {
            var tensor = torch.empty(shape, dtype: type);
            tensor.bytes = MemoryMarshal.AsBytes(values);
            return tensor;
        }
    }
}
