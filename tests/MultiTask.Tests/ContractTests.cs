using System;
using System.Linq;
using MultiTask.Tests.Contract;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>Drives the verbatim generated example of docs/architecture.md against the runtime.</summary>
    public class ContractTests
    {
        private static (Tensor Input, DigitModel.Targets Targets) Data(int rows, int seed)
        {
            var random = new Random(seed);
            var pixels = new float[rows, 64];
            var digits = new long[rows];
            var even = new bool[rows];
            var evenMask = new bool[rows];
            for (var r = 0; r < rows; r++)
            {
                digits[r] = random.Next(10);
                even[r] = digits[r] % 2 == 0;
                evenMask[r] = r % 3 != 0;
                for (var j = 0; j < 64; j++)
                {
                    pixels[r, j] = (float)(random.NextDouble() * 0.2) + (j % 10 == digits[r] ? 1f : 0f);
                }
            }

            return (torch.tensor(pixels), new DigitModel.Targets(TaskTarget.Classes(digits), TaskTarget.Binary(even, evenMask)));
        }

        [Fact]
        public void Generated_shape_trains_evaluates_and_predicts()
        {
            torch.manual_seed(0);
            using var model = new DigitModel();
            var (input, targets) = Data(200, 1);
            var train = DigitModel.Batch.From(input, targets, batchSize: 32, shuffle: true, seed: 1);
            using var trainer = model.CreateTrainer(new DigitModel.TrainingOptions { Epochs = 8, LearningRate = 5e-3 });
            var history = trainer.Fit(train, DigitModel.Batch.From(input, targets, batchSize: 100));

            Assert.Equal(8, history.Count);
            Assert.True(history[^1].Train.Loss < history[0].Train.Loss);
            DigitModel.Metrics m = trainer.Evaluate(DigitModel.Batch.From(input, targets, batchSize: 64));
            Assert.Equal(200, m.Digit.Count);
            Assert.Equal(133, m.IsEven.Count); // rows with r % 3 != 0
            Assert.True(m.Digit.Accuracy > 0.5, $"accuracy {m.Digit.Accuracy}");
            Assert.Equal(5, m.Digit.K);

            using var x = input[..5];
            var p = model.Predict(x);
            Assert.Equal([5L, 10L], p.Digit.Probabilities.shape);
            Assert.Equal([5L], p.Digit.Classes.shape);
            Assert.Equal([5L], p.IsEven.Labels.shape);
            Assert.True(model.training);
        }

        [Fact]
        public void Generated_options_give_per_component_learning_rates()
        {
            using var model = new DigitModel();
            using var trainer = model.CreateTrainer(new DigitModel.TrainingOptions { LearningRate = 0.01, Digit = new() { LearningRate = 0.05 } });
            Assert.Equal([0.01, 0.05, 3e-4], trainer.Optimizer.ParamGroups.Select(g => g.LearningRate));
        }

        [Fact]
        public void State_dict_keys_and_summary_follow_the_contract()
        {
            using var model = new DigitModel();
            var keys = model.state_dict().Keys.ToHashSet();
            Assert.Contains("body.layers.0.weight", keys);
            Assert.Contains("body.layers.3.weight", keys); // Linear, ReLU, Dropout, Linear
            Assert.Contains("digit.output.weight", keys);
            Assert.Contains("isEven.tower.0.weight", keys);
            Assert.Contains("isEven.output.bias", keys);

            var summary = model.Summary();
            Assert.Equal([("Body", 64L * 128 + 128 + 128 * 64 + 64), ("Digit", 64L * 10 + 10), ("IsEven", 64L * 16 + 16 + 16 + 1)], summary.Rows);
            Assert.Equal(16576 + 650 + 1057, summary.Total);
            var lines = summary.ToString().Split(Environment.NewLine);
            Assert.Equal("DigitModel", lines[0]);
            Assert.Contains(lines, l => l.StartsWith("Body", StringComparison.Ordinal) && l.EndsWith("16,576", StringComparison.Ordinal));
            Assert.Single(lines.Skip(1).Select(l => l.Length).Distinct());
            Assert.EndsWith("18,283", lines[^1]);
        }

        [Fact]
        public void Wrong_input_width_is_reported_by_forward()
        {
            using var model = new DigitModel();
            using var x = torch.zeros(32, 63);
            var error = Assert.Throws<ArgumentException>(() => model.forward(x));
            Assert.StartsWith("DigitModel expects input of shape [N, 64], got [32, 63]", error.Message);
        }
    }
}
