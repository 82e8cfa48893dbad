using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// A growable device buffer of rows, outside every dispose scope: appending copies the rows in place (capacity
    /// doubles when full), so the number of live tensors does not grow with the number of steps and nothing syncs.
    /// </summary>
    internal sealed class RowBuffer : IDisposable
    {
        private Tensor? buffer;
        private long capacity;

        public long Count { get; private set; }

        public void Append(Tensor rows)
        {
            using var noGrad = torch.no_grad();
            var n = rows.shape[0];
            if (buffer is null)
            {
                capacity = Math.Max(n, 64);
                buffer = Allocate(rows, capacity);
            }
            else if (Count + n > capacity)
            {
                var grown = Math.Max(capacity * 2, Count + n);
                var next = Allocate(rows, grown);
                using (var target = next.narrow(0, 0, Count))
                using (var source = buffer.narrow(0, 0, Count))
                {
                    target.copy_(source);
                }

                buffer.Dispose();
                buffer = next;
                capacity = grown;
            }

            using (var slot = buffer.narrow(0, Count, n))
            {
                slot.copy_(rows);
            }

            Count += n;
        }

        /// <summary>The rows so far, copied to the CPU as <paramref name="dtype"/> (null when empty); the caller disposes it.</summary>
        public Tensor? ToCpu(ScalarType dtype)
        {
            if (buffer is null)
            {
                return null;
            }

            using var used = buffer.narrow(0, 0, Count);
            return used.to(dtype, torch.CPU);
        }

        public void Dispose()
        {
            buffer?.Dispose();
            buffer = null;
            Count = 0;
            capacity = 0;
        }

        private static Tensor Allocate(Tensor like, long rows)
        {
            var shape = (long[])like.shape.Clone();
            shape[0] = rows;
            var result = torch.empty(shape, dtype: like.dtype, device: like.device);
            return result.DetachFromDisposeScope();
        }
    }
}
