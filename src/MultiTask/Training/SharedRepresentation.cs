using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// What the heads of a model read: one tensor every head reads (a trunk's or an encoder's output), or one per task
    /// (MMoE's and PLE's mixtures, or the trunk's output of each task's own input; null for a task absent from the batch).
    /// Disposing it disposes the tensors (the generated <c>forward</c> does when the heads have run; in a training step the
    /// step's dispose scope does).
    /// </summary>
    public sealed class SharedRepresentation : IDisposable
    {
        private readonly Tensor?[] tensors;

        private SharedRepresentation(Tensor?[] tensors, bool isShared)
        {
            this.tensors = tensors;
            IsShared = isShared;
        }

        /// <summary>True when every head reads the same tensor.</summary>
        public bool IsShared { get; }

        /// <summary>The tensors: one when <see cref="IsShared"/>, else one per task.</summary>
        public IReadOnlyList<Tensor?> Tensors => tensors;

        /// <summary>What task <paramref name="task"/>'s head reads; null when the task is absent from the batch.</summary>
        public Tensor? this[int task] => IsShared ? tensors[0] : tensors[task];

        /// <summary>One tensor every head reads.</summary>
        public static SharedRepresentation Shared(Tensor representation)
        {
            ArgumentNullException.ThrowIfNull(representation);
            return new([representation], isShared: true);
        }

        /// <summary>One tensor per task, in task order; null for a task absent from the batch.</summary>
        public static SharedRepresentation PerTask(params Tensor?[] representations)
        {
            ArgumentNullException.ThrowIfNull(representations);
            return new(representations, isShared: false);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            foreach (var tensor in tensors)
            {
                tensor?.Dispose();
            }
        }
    }
}
