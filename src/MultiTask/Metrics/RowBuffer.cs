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

        /// <summary>Appends the rows of <paramref name="rows"/> (its first dimension).</summary>
        public void Append(Tensor rows) => Append(rows, rows.size(0), Sizes(rows, from: 1));

        /// <summary>Appends <paramref name="row"/> as one row (the buffer's rows have the row's shape).</summary>
        public void AppendRow(Tensor row) => Append(row, 1, Sizes(row, from: 0));

        /// <summary>The sizes of the dimensions from <paramref name="from"/> on (not <c>Tensor.shape</c>, which leaves an object to the finalizer per call).</summary>
        private static long[] Sizes(Tensor tensor, int from)
        {
            var sizes = new long[tensor.dim() - from];
            for (var i = 0; i < sizes.Length; i++)
            {
                sizes[i] = tensor.size(from + i);
            }

            return sizes;
        }

        private void Append(Tensor rows, long n, long[] rowShape)
        {
            using var noGrad = torch.no_grad();
            if (buffer is null)
            {
                capacity = Math.Max(n, 64);
                buffer = Allocate(rows, capacity, rowShape);
            }
            else if (Count + n > capacity)
            {
                var grown = Math.Max(capacity * 2, Count + n);
                var next = Allocate(rows, grown, rowShape);
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
                // copy_ broadcasts: a row of shape S fills a slot of shape [1, S].
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

        private static Tensor Allocate(Tensor like, long rows, long[] rowShape)
        {
            var shape = new long[rowShape.Length + 1];
            shape[0] = rows;
            Array.Copy(rowShape, 0, shape, 1, rowShape.Length);
            var result = torch.empty(shape, dtype: like.dtype, device: like.device);
            return result.DetachFromDisposeScope();
        }
    }
}
