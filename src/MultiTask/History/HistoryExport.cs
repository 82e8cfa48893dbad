using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace MultiTask
{
    /// <summary>
    /// A <see cref="TrainingHistory{TMetrics}"/> as CSV (one row per epoch, a column per <see cref="EpochScalars"/> tag) or
    /// JSON (the epochs with their metrics nested by split and task), for plotting elsewhere. Numbers are written in the
    /// invariant culture, round-trippable; a value that is not finite is <c>NaN</c>/<c>Infinity</c> in CSV and <c>null</c> in
    /// JSON. Files are written to a temporary file beside the target and renamed, so a crash leaves no half-written file.
    /// </summary>
    public static class HistoryExport
    {
        /// <summary>The CSV text: an <c>epoch</c> column, then every tag that occurs in any epoch, in order of first occurrence; an empty cell where an epoch lacks it.</summary>
        public static string ToCsv<TMetrics>(this TrainingHistory<TMetrics> history)
        {
            ArgumentNullException.ThrowIfNull(history);
            var rows = history.Select(e => (e.Epoch, Scalars: EpochScalars.Of(e).ToDictionary(kv => kv.Key, kv => kv.Value))).ToArray();
            var columns = history.SelectMany(EpochScalars.Of).Select(kv => kv.Key).Distinct().ToArray();
            var text = new StringBuilder();
            text.AppendJoin(',', columns.Prepend("epoch").Select(Quoted)).Append('\n');
            foreach (var (epoch, scalars) in rows)
            {
                text.Append(epoch.ToString(CultureInfo.InvariantCulture));
                foreach (var column in columns)
                {
                    text.Append(',');
                    if (scalars.TryGetValue(column, out var value))
                    {
                        text.Append(value.ToString("R", CultureInfo.InvariantCulture));
                    }
                }

                text.Append('\n');
            }

            return text.ToString();
        }

        /// <summary>
        /// The JSON text: <c>{"stopReason", "bestEpoch", "epochs": [{"epoch", "seconds", "train": {"loss", "tasks": {Task: {Metric: value}}},
        /// "validation" (or null), "lossWeights": {Task: w}, "learningRates": {Group: rate}}]}</c>.
        /// </summary>
        public static string ToJson<TMetrics>(this TrainingHistory<TMetrics> history)
        {
            ArgumentNullException.ThrowIfNull(history);
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("stopReason", history.StopReason);
                if (history.BestEpoch is { } best)
                {
                    json.WriteNumber("bestEpoch", best);
                }
                else
                {
                    json.WriteNull("bestEpoch");
                }

                json.WriteStartArray("epochs");
                foreach (var epoch in history)
                {
                    WriteEpoch(json, epoch);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/> (creating its folder).</summary>
        public static void WriteCsv<TMetrics>(this TrainingHistory<TMetrics> history, string path) => WriteAtomically(path, history.ToCsv());

        /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/> (creating its folder).</summary>
        public static void WriteJson<TMetrics>(this TrainingHistory<TMetrics> history, string path) => WriteAtomically(path, history.ToJson());

        private static void WriteEpoch<TMetrics>(Utf8JsonWriter json, EpochResult<TMetrics> epoch)
        {
            json.WriteStartObject();
            json.WriteNumber("epoch", epoch.Epoch);
            Number(json, "seconds", epoch.Elapsed.TotalSeconds);
            WriteResult(json, EpochScalars.Train, epoch.TrainEvaluation);
            WriteResult(json, EpochScalars.Validation, epoch.ValidationEvaluation);
            WriteMap(json, "lossWeights", epoch.LossWeights);
            WriteMap(json, "learningRates", epoch.LearningRates);
            json.WriteEndObject();
        }

        private static void WriteResult(Utf8JsonWriter json, string name, EvaluationResult? result)
        {
            if (result is null)
            {
                json.WriteNull(name);
                return;
            }

            json.WriteStartObject(name);
            Number(json, "loss", result.Loss);
            json.WriteStartObject("tasks");
            foreach (var task in result.Tasks)
            {
                json.WriteStartObject(task.Task);
                json.WriteNumber("count", task.Count);
                foreach (var (metric, value) in task.Scalars())
                {
                    Number(json, metric, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        private static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, double> values)
        {
            json.WriteStartObject(name);
            foreach (var (key, value) in values)
            {
                Number(json, key, value);
            }

            json.WriteEndObject();
        }

        private static void Number(Utf8JsonWriter json, string name, double value)
        {
            if (double.IsFinite(value))
            {
                json.WriteNumber(name, value);
            }
            else
            {
                json.WriteNull(name);
            }
        }

        private static string Quoted(string cell)
            => cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

        private static void WriteAtomically(string path, string text)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            var full = Path.GetFullPath(path);
            var folder = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(folder);
            var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
            try
            {
                File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                File.Move(temporary, full, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
        }
    }
}
