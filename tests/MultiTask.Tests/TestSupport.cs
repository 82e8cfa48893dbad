using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>A batch of the hand-written network: input, a 3-class label and a regression value.</summary>
    internal sealed record TinyBatch(Tensor Input, TaskTarget Class, TaskTarget Value);

    internal sealed record TinyMetrics(double Loss, ClassificationMetrics Class, RegressionMetrics Value);

    /// <summary>A small network written by hand the way the generator writes one (trunk, two heads, typed step).</summary>
    internal sealed class TinyNet : nn.Module<Tensor, (Tensor Class, Tensor Value)>, IMultiTaskNetwork<TinyBatch>
    {
        public static readonly ClassificationTask ClassTask = new("Class", classes: 3, topK: 2);
        public static readonly RegressionTask ValueTask = new("Value");

        private readonly Trunk body;
        private readonly Head classHead;
        private readonly Head valueHead;
        private readonly LossWeighting lossWeighting;

        public TinyNet(int inputSize = 4, double dropout = 0, int hidden = 16, Func<IReadOnlyList<TaskDefinition>, LossWeighting>? weighting = null, int trunkLayers = 1)
            : base(nameof(TinyNet))
        {
            body = new Trunk(inputSize, Enumerable.Repeat(hidden, trunkLayers).ToArray(), Activation.ReLU, dropout, layerNorm: false);
            classHead = new Head(hidden, [], 3, Activation.ReLU);
            valueHead = new Head(hidden, [8], 1, Activation.Tanh);
            lossWeighting = weighting?.Invoke(Tasks) ?? new StaticWeighting(Tasks);
            RegisterComponents();
        }

        public Trunk Body => body;

        public Head ClassHead => classHead;

        public Head ValueHead => valueHead;

        public IReadOnlyList<TaskDefinition> Tasks => [ClassTask, ValueTask];

        public LossWeighting Weighting => lossWeighting;

        public ModelParts Parts => new([body], [classHead, valueHead]);

        public double ValueWeight { get; init; } = 1.0;

        public TinyBatch ToDevice(TinyBatch batch, Device device) => new(batch.Input.to(device), batch.Class.To(device), batch.Value.To(device));

        public override (Tensor Class, Tensor Value) forward(Tensor input)
        {
            using var representation = Represent(input);
            return ReadHeads(representation);
        }

        public TaskStep Step(TinyBatch batch)
        {
            var representation = Represent(batch.Input);
            var (c, v) = ReadHeads(representation);
            var classLoss = ClassTask.Loss(c, batch.Class);
            var valueLoss = ValueTask.Loss(v, batch.Value);
            return new TaskStep(classLoss + ValueWeight * valueLoss, [classLoss, valueLoss], [c, v], [batch.Class, batch.Value]) { Representation = representation };
        }

        private SharedRepresentation Represent(Tensor input)
        {
            ModelInput.Check(input, 4, nameof(TinyNet));
            return SharedRepresentation.Shared(body.forward(input));
        }

        private (Tensor Class, Tensor Value) ReadHeads(SharedRepresentation representation)
            => (classHead.forward(representation[0]!), valueHead.forward(representation[1]!));
    }

    internal sealed class TinyTrainer : MultiTaskTrainer<TinyNet, TinyBatch, TinyMetrics>
    {
        public TinyTrainer(TinyNet model, TrainingOptions<TinyMetrics> options, ComponentOptions? body = null, ComponentOptions? classHead = null, ComponentOptions? valueHead = null)
            : base(model, options, [new("Body", model.Body, body ?? new()), new("Class", model.ClassHead, classHead ?? new()), new("Value", model.ValueHead, valueHead ?? new())])
        {
        }

        protected override TinyMetrics ToMetrics(EvaluationResult result)
            => new(result.Loss, TinyNet.ClassTask.MetricsIn(result), TinyNet.ValueTask.MetricsIn(result));
    }

    /// <summary>A learnable problem: class = argmax of the first three inputs, value = 0.5 * sum of the inputs.</summary>
    internal sealed class TinyData
    {
        public TinyData(int rows, int seed, double maskedFraction = 0)
        {
            var random = new Random(seed);
            var x = new float[rows, 4];
            var classes = new long[rows];
            var values = new float[rows];
            var classMask = new bool[rows];
            var valueMask = new bool[rows];
            for (var r = 0; r < rows; r++)
            {
                var best = 0;
                float sum = 0;
                for (var j = 0; j < 4; j++)
                {
                    x[r, j] = (float)(random.NextDouble() * 2 - 1);
                    sum += x[r, j];
                    if (j < 3 && x[r, j] > x[r, best])
                    {
                        best = j;
                    }
                }

                classMask[r] = random.NextDouble() >= maskedFraction;
                valueMask[r] = random.NextDouble() >= maskedFraction;
                classes[r] = classMask[r] ? best : -1;
                values[r] = valueMask[r] ? 0.5f * sum : float.NaN;
            }

            Input = torch.tensor(x).DetachFromDisposeScope();
            Class = TaskTarget.Classes(classes, maskedFraction > 0 ? classMask : null);
            Value = TaskTarget.Values(values, maskedFraction > 0 ? valueMask : null);
            Class.Labels.DetachFromDisposeScope();
            Class.Mask?.DetachFromDisposeScope();
            Value.Labels.DetachFromDisposeScope();
            Value.Mask?.DetachFromDisposeScope();
        }

        public Tensor Input { get; }

        public TaskTarget Class { get; }

        public TaskTarget Value { get; }

        public long Rows => Input.shape[0];

        public IEnumerable<TinyBatch> Batches(int batchSize, bool shuffle = false, int seed = 0)
            => new InMemoryBatches<TinyBatch>(Rows, batchSize, shuffle, seed, rows => new TinyBatch(Input.index_select(0, rows), Class.Select(rows), Value.Select(rows)));
    }

    /// <summary>A synchronous <see cref="IProgress{T}"/> (the BCL's <c>Progress</c> posts asynchronously).</summary>
    internal sealed class Recorder<T>(Action<T>? onReport = null) : IProgress<T>
    {
        public List<T> Items { get; } = [];

        public void Report(T value)
        {
            Items.Add(value);
            onReport?.Invoke(value);
        }
    }

    /// <summary>Data whose content depends on how many times it has been enumerated (1-based).</summary>
    internal sealed class PerEpochData<T>(Func<int, IEnumerable<T>> epoch) : IEnumerable<T>
    {
        private int count;

        public IEnumerator<T> GetEnumerator() => epoch(++count).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    internal static class TestTensors
    {
        public static float[] Floats(Tensor t)
        {
            using var cpu = t.detach().cpu().to_type(ScalarType.Float32);
            return cpu.data<float>().ToArray();
        }

        public static double Scalar(Tensor t) => t.ToDouble();

        /// <summary>Same shape, and every element within <paramref name="tolerance"/> relative to <c>1 + |expected|</c>.</summary>
        public static void AssertClose(Tensor expected, Tensor actual, double tolerance = 1e-5)
        {
            Xunit.Assert.Equal(expected.shape, actual.shape);
            var e = Floats(expected);
            var a = Floats(actual);
            for (var i = 0; i < e.Length; i++)
            {
                Xunit.Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * (1 + Math.Abs(e[i])), $"element {i}: expected {e[i]}, got {a[i]}");
            }
        }

        public static Dictionary<string, float[]> Weights(nn.Module module)
            => module.state_dict().ToDictionary(kv => kv.Key, kv => Floats(kv.Value));

        public static bool SameWeights(Dictionary<string, float[]> a, Dictionary<string, float[]> b)
            => a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && kv.Value.SequenceEqual(other));
    }
}
