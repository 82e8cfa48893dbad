using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MultiTask
{
    /// <summary>One tensor of a checkpoint section as the header records it; its bytes follow the header in order.</summary>
    internal sealed record StoredTensor(string Key, string DType, long[] Shape, long Bytes);

    /// <summary>A named part of a checkpoint (<c>model</c>, <c>optimizer</c>, <c>weighting</c>, ...) and its tensors.</summary>
    internal sealed record CheckpointSection(string Name, IReadOnlyList<StoredTensor> Tensors);

    /// <summary>A task of the model a checkpoint was written from.</summary>
    internal sealed record CheckpointTask(string Name, string Kind);

    /// <summary>An epoch of the history in a checkpoint: the untyped results the typed metrics are made from again.</summary>
    internal sealed record EpochRecord(
        int Epoch,
        TimeSpan Elapsed,
        IReadOnlyDictionary<string, double> LossWeights,
        IReadOnlyDictionary<string, double> LearningRates,
        EvaluationResult Train,
        EvaluationResult? Validation,
        AffinityRecord? TaskAffinity);

    /// <summary>A <see cref="MultiTask.TaskAffinity"/> with its matrices as rows (JSON has no two-dimensional arrays).</summary>
    internal sealed record AffinityRecord(IReadOnlyList<string> Tasks, double[][] Lookahead, double[][] GradientCosine, int Measurements)
    {
        public static AffinityRecord? Of(TaskAffinity? affinity) => affinity is null ? null
            : new(affinity.Tasks, Rows(affinity.Lookahead), Rows(affinity.GradientCosine), affinity.Measurements);

        public TaskAffinity ToAffinity() => new(Tasks, Matrix(Lookahead), Matrix(GradientCosine), Measurements);

        private static double[][] Rows(double[,] matrix)
            => Enumerable.Range(0, matrix.GetLength(0)).Select(i => Enumerable.Range(0, matrix.GetLength(1)).Select(j => matrix[i, j]).ToArray()).ToArray();

        private static double[,] Matrix(double[][] rows)
        {
            var matrix = new double[rows.Length, rows.Length == 0 ? 0 : rows[0].Length];
            for (var i = 0; i < rows.Length; i++)
            {
                for (var j = 0; j < rows[i].Length; j++)
                {
                    matrix[i, j] = rows[i][j];
                }
            }

            return matrix;
        }
    }

    /// <summary>
    /// The readable JSON header of a checkpoint (docs/persistence.md): the model it was written from (type, fingerprint, tasks),
    /// where the run was (the epoch, the optimizer steps, the first epoch of the <c>Fit</c> call, the batches per epoch, the
    /// orders the data had drawn), the optimizer's type, the history of the call so far, and every section's tensors.
    /// </summary>
    internal sealed record CheckpointHeader(
        string Model,
        string Fingerprint,
        IReadOnlyList<CheckpointTask> Tasks,
        int Epoch,
        long Steps,
        int FirstEpoch,
        int? BatchesPerEpoch,
        long? TrainOrders,
        long? ValidationOrders,
        string Optimizer,
        IReadOnlyList<EpochRecord> History,
        IReadOnlyList<CheckpointSection> Sections)
    {
        private static readonly JsonSerializerOptions Json = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // Metrics are NaN where undefined (an AUC with one class); doubles are written so that they read back bit for bit.
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WithMetricKinds } },
        };

        private static readonly JsonSerializerOptions Indented = new(Json) { WriteIndented = true };

        /// <summary>Every tensor's byte length, section after section.</summary>
        public IReadOnlyList<long> ByteLengths() => Sections.SelectMany(s => s.Tensors).Select(t => t.Bytes).ToList();

        public byte[] ToUtf8(bool indented = false) => JsonSerializer.SerializeToUtf8Bytes(this, indented ? Indented : Json);

        /// <summary>The header in <paramref name="utf8"/>; throws <see cref="JsonException"/> or <see cref="InvalidOperationException"/> on a malformed one.</summary>
        public static CheckpointHeader Parse(byte[] utf8)
        {
            var header = JsonSerializer.Deserialize<CheckpointHeader>(utf8, Json) ?? throw new InvalidOperationException("the header is null");
            if (header.Model is null || header.Fingerprint is null || header.Tasks is null || header.Optimizer is null || header.History is null || header.Sections is null
                || header.Sections.Any(s => s?.Name is null || s.Tensors is null || s.Tensors.Any(t => t?.Key is null || t.DType is null || t.Shape is null)))
            {
                throw new InvalidOperationException("an entry is missing");
            }

            return header;
        }

        private static void WithMetricKinds(JsonTypeInfo info)
        {
            if (info.Type == typeof(TaskMetrics))
            {
                info.PolymorphismOptions = new JsonPolymorphismOptions
                {
                    TypeDiscriminatorPropertyName = "kind",
                    DerivedTypes =
                    {
                        new JsonDerivedType(typeof(ClassificationMetrics), "classification"),
                        new JsonDerivedType(typeof(BinaryMetrics), "binary"),
                        new JsonDerivedType(typeof(RegressionMetrics), "regression"),
                    },
                };
            }
        }
    }
}
