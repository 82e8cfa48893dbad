using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// The state one part of a training run keeps in a checkpoint (a loss weighting's moving averages, a schedule's counters,
    /// a callback's best value): named tensors, copied to the host when set, and numbers stored as 0-d tensors so that they come
    /// back bit for bit. A part writes it in <c>SaveState</c> and reads it back in <c>LoadState</c>, which must check every entry
    /// before changing anything (<see cref="Get(string)"/> and the typed getters throw <see cref="KeyNotFoundException"/> or
    /// <see cref="ArgumentException"/> naming the entry).
    /// </summary>
    public sealed class TrainingState : IDisposable
    {
        private readonly Dictionary<string, Tensor> entries = new(StringComparer.Ordinal);
        private readonly List<string> names = [];

        /// <summary>The entries' names, in the order they were set.</summary>
        public IReadOnlyList<string> Names => names;

        /// <summary>Whether the state holds nothing.</summary>
        public bool IsEmpty => names.Count == 0;

        /// <summary>Whether an entry named <paramref name="name"/> is there.</summary>
        public bool Contains(string name) => entries.ContainsKey(name);

        /// <summary>Stores a detached host copy of <paramref name="value"/> under <paramref name="name"/> (replacing any entry of that name).</summary>
        public void Set(string name, Tensor value)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentNullException.ThrowIfNull(value);
            using var noGrad = torch.no_grad();
            using var detached = value.detach();
            var copy = torch.empty(detached.shape, detached.dtype, torch.CPU).DetachFromDisposeScope();
            copy.copy_(detached);
            Put(name, copy);
        }

        /// <summary>Stores <paramref name="value"/> exactly (a 0-d float64 tensor).</summary>
        public void Set(string name, double value)
        {
            using var scalar = torch.tensor(value, ScalarType.Float64);
            Set(name, scalar);
        }

        /// <summary>Stores <paramref name="value"/> exactly (a 0-d int64 tensor).</summary>
        public void Set(string name, long value)
        {
            using var scalar = torch.tensor(value, ScalarType.Int64);
            Set(name, scalar);
        }

        /// <summary>The host tensor stored under <paramref name="name"/>; it belongs to this state (copy it, do not keep it).</summary>
        /// <exception cref="KeyNotFoundException">There is no such entry.</exception>
        public Tensor Get(string name)
            => entries.TryGetValue(name, out var tensor) ? tensor : throw new KeyNotFoundException($"The state has no entry '{name}' (it has {Listed()}).");

        /// <summary>The tensor under <paramref name="name"/>, checked to have <paramref name="shape"/> and <paramref name="dtype"/>.</summary>
        /// <exception cref="ArgumentException">The entry has another shape or dtype.</exception>
        public Tensor Get(string name, ScalarType dtype, params long[] shape)
        {
            var tensor = Get(name);
            if (tensor.dtype != dtype || !tensor.shape.SequenceEqual(shape))
            {
                throw new ArgumentException($"The state's entry '{name}' is [{string.Join(", ", tensor.shape)}] {tensor.dtype}, expected [{string.Join(", ", shape)}] {dtype}.");
            }

            return tensor;
        }

        /// <summary>The number stored with <see cref="Set(string, double)"/>.</summary>
        public double GetDouble(string name) => Get(name, ScalarType.Float64).item<double>();

        /// <summary>The number stored with <see cref="Set(string, long)"/>.</summary>
        public long GetInt64(string name) => Get(name, ScalarType.Int64).item<long>();

        /// <summary>Disposes the host copies.</summary>
        public void Dispose()
        {
            foreach (var tensor in entries.Values)
            {
                tensor.Dispose();
            }

            entries.Clear();
            names.Clear();
        }

        /// <summary>Adds a host tensor the state takes ownership of (a checkpoint being read).</summary>
        internal void Put(string name, Tensor owned)
        {
            if (entries.Remove(name, out var previous))
            {
                previous.Dispose();
                names.Remove(name);
            }

            entries[name] = owned;
            names.Add(name);
        }

        private string Listed() => names.Count == 0 ? "none" : string.Join(", ", names.Select(n => $"'{n}'"));
    }
}
