using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MultiTask.Plotting;
using SkiaSharp;
using TorchSharp;
using Xunit;

namespace MultiTask.Tests
{
    public sealed class PlotTests : IDisposable
    {
        private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        private readonly string folder = Path.Combine(Path.GetTempPath(), $"multitask-plots-{Guid.NewGuid():N}");

        public void Dispose()
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private static TrainingHistory<TinyMetrics> History()
        {
            var data = new TinyData(32, seed: 4);
            var held = new TinyData(16, seed: 5);
            torch.manual_seed(4);
            using var net = new TinyNet();
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 4, LearningRate = 0.01, Schedule = LearningRateSchedule.Step(2, 0.5) });
            return trainer.Fit(data.Batches(8), held.Batches(8));
        }

        /// <summary>Asserts a PNG of <paramref name="width"/> x <paramref name="height"/> whose pixels are not one flat colour.</summary>
        private static void AssertDrawnPng(string path, int width, int height)
        {
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(PngSignature, bytes[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
            Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));

            using var bitmap = SKBitmap.Decode(bytes);
            Assert.Equal(width, bitmap.Width);
            var colours = new HashSet<SKColor>();
            var background = bitmap.GetPixel(0, 0);
            var drawn = 0;
            for (var y = 0; y < bitmap.Height; y += 2)
            {
                for (var x = 0; x < bitmap.Width; x += 2)
                {
                    var pixel = bitmap.GetPixel(x, y);
                    colours.Add(pixel);
                    drawn += pixel == background ? 0 : 1;
                }
            }

            Assert.True(colours.Count > 8, $"{path}: only {colours.Count} colours");
            Assert.True(drawn > bitmap.Width * bitmap.Height / 4 / 100, $"{path}: {drawn} drawn pixels of {bitmap.Width * bitmap.Height / 4} sampled");
        }

        [Fact]
        public void Curves_draw_a_panel_per_task_on_one_figure()
        {
            var path = HistoryPlots.Curves(History(), Path.Combine(folder, "nested", "curves.png"), panelWidth: 400, height: 300);
            Assert.Equal(Path.GetFullPath(Path.Combine(folder, "nested", "curves.png")), path);
            AssertDrawnPng(path, 2 * 400, 300);
        }

        [Fact]
        public void Loss_weights_and_learning_rates_draw_a_line_per_task_and_group()
        {
            var history = History();
            AssertDrawnPng(HistoryPlots.LossWeights(history, Path.Combine(folder, "weights.png"), 500, 320), 500, 320);
            AssertDrawnPng(HistoryPlots.LearningRates(history, Path.Combine(folder, "rates.png"), 500, 320), 500, 320);
        }

        [Fact]
        public void A_heatmap_draws_a_labelled_matrix_and_rejects_mismatched_labels()
        {
            double[,] affinity = { { double.NaN, 0.4, -0.1 }, { 0.3, double.NaN, 0.0 }, { -0.2, 0.05, double.NaN } };
            var path = Heatmaps.Matrix(affinity, ["Click", "Convert", "Dwell"], "Inter-task affinity", Path.Combine(folder, "affinity.png"), 600, 500, rowTitle: "from task", columnTitle: "onto task");
            AssertDrawnPng(path, 600, 500);
            var error = Assert.Throws<ArgumentException>(() => Heatmaps.Matrix(affinity, ["Click", "Convert"], "x", Path.Combine(folder, "bad.png")));
            Assert.Contains("3 x 3", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "bad.png")));
        }

        [Fact]
        public void Trajectories_draw_one_panel_per_method_in_a_grid_and_need_a_panel()
        {
            IReadOnlyList<(double, double)> Line(double slope) => [.. Enumerable.Range(0, 20).Select(i => (i / 2.0, slope * i / 2.0))];
            var panels = Enumerable.Range(1, 5).Select(k => new TrajectoryPanel($"method {k}", [Line(k / 5.0), Line(-k / 5.0)])).ToArray();
            var path = TrajectoryPlots.Panels(panels, [(0, 1), (1, 2)], Path.Combine(folder, "paths.png"), (0, 10), (-10, 10), columns: 3, panelSize: 200);
            // Five panels three to a row: two rows.
            AssertDrawnPng(path, 3 * 200, 2 * 200);
            Assert.Throws<ArgumentException>(() => TrajectoryPlots.Panels([], [], Path.Combine(folder, "none.png"), (0, 1), (0, 1)));
        }

        [Fact]
        public void An_empty_history_is_an_error_naming_what_is_missing()
        {
            var error = Assert.Throws<ArgumentException>(() => HistoryPlots.Curves(new TrainingHistory<TinyMetrics>(), Path.Combine(folder, "none.png")));
            Assert.Contains("no epoch", error.Message, StringComparison.Ordinal);
        }
    }
}
