using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    public class EntireSpaceTests
    {
        private static readonly BinaryTask Click = new("Click");
        private static readonly BinaryTask Conversion = new("Conversion");

        private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

        private static double Bce(double p, double y) => -((y * Math.Log(p)) + ((1 - y) * Math.Log(1 - p)));

        [Fact]
        public void PCtcvr_is_the_product_of_pCtr_and_pCvr_and_its_logs_match()
        {
            float[] a = [-3f, -0.5f, 0f, 1.2f, 4f], b = [2f, -1f, 0.3f, -2.5f, 0.7f];
            using var clickLogits = torch.tensor(a);
            using var conversionLogits = torch.tensor(b);
            using var p = EntireSpace.Probabilities(clickLogits, conversionLogits);
            var (logP, logComplement) = EntireSpace.LogClickAndConversion(clickLogits, conversionLogits);
            var product = TestTensors.Floats(p.ClickAndConversion);
            var click = TestTensors.Floats(p.Click);
            var conversion = TestTensors.Floats(p.Conversion);
            for (var i = 0; i < a.Length; i++)
            {
                var expected = Sigmoid(a[i]) * Sigmoid(b[i]);
                Assert.Equal(Sigmoid(a[i]), click[i], 6);
                Assert.Equal(Sigmoid(b[i]), conversion[i], 6);
                Assert.Equal(expected, product[i], 6);
                Assert.Equal(Math.Log(expected), TestTensors.Floats(logP)[i], 5);
                Assert.Equal(Math.Log(1 - expected), TestTensors.Floats(logComplement)[i], 5);
            }

            using var three = torch.zeros(3);
            Assert.Contains("[5] and [3]", Assert.Throws<ArgumentException>(() => EntireSpace.Probabilities(clickLogits, three)).Message);
        }

        [Fact]
        public void The_loss_is_ctr_bce_plus_ctcvr_bce_over_every_impression()
        {
            float[] a = [-1f, 0.5f, 2f, -0.3f, 1f], b = [0.4f, -1.5f, 1f, 2f, -0.2f];
            bool[] clicked = [false, true, true, false, true];
            bool[] converted = [false, false, true, false, true];
            using var clickLogits = torch.tensor(a);
            using var conversionLogits = torch.tensor(b);
            var loss = new EntireSpaceLoss(Click, Conversion);

            // Conversion observed on clicked rows only (its mask): every row still has a click-and-conversion label.
            using var terms = loss.Compute(clickLogits, conversionLogits, TaskTarget.Binary(clicked), TaskTarget.Binary(converted, mask: clicked));
            var ctr = Enumerable.Range(0, 5).Average(i => Bce(Sigmoid(a[i]), clicked[i] ? 1 : 0));
            var ctcvr = Enumerable.Range(0, 5).Average(i => Bce(Sigmoid(a[i]) * Sigmoid(b[i]), converted[i] ? 1 : 0));
            Assert.Equal(ctr, terms.Click.ToDouble(), 5);
            Assert.Equal(ctcvr, terms.ClickAndConversion.ToDouble(), 5);
            using var total = terms.Total();
            Assert.Equal(ctr + ctcvr, total.ToDouble(), 5);

            // Click sample weights weigh both terms; a missing click label drops the row from both.
            float[] weights = [1f, 2f, 0.5f, 3f, 1f];
            bool[] clickKnown = [true, true, true, false, true];
            using var weighted = loss.Compute(clickLogits, conversionLogits, TaskTarget.Binary(clicked, clickKnown, weights), TaskTarget.Binary(converted, mask: clicked));
            var rows = Enumerable.Range(0, 5).Where(i => clickKnown[i]).ToArray();
            var weightSum = rows.Sum(i => weights[i]);
            Assert.Equal(rows.Sum(i => weights[i] * Bce(Sigmoid(a[i]), clicked[i] ? 1 : 0)) / weightSum, weighted.Click.ToDouble(), 5);
            Assert.Equal(rows.Sum(i => weights[i] * Bce(Sigmoid(a[i]) * Sigmoid(b[i]), converted[i] ? 1 : 0)) / weightSum, weighted.ClickAndConversion.ToDouble(), 5);

            // A clicked row without a conversion label is unknown for pCTCVR; an unclicked one is 0 whatever its label says.
            bool[] conversionKnown = [false, false, true, false, true];
            bool[] garbage = [true, false, true, true, true];
            using var partial = loss.Compute(clickLogits, conversionLogits, TaskTarget.Binary(clicked), TaskTarget.Binary(garbage, mask: conversionKnown));
            var known = new[] { 0, 2, 3, 4 };
            Assert.Equal(known.Average(i => Bce(Sigmoid(a[i]) * Sigmoid(b[i]), converted[i] ? 1 : 0)), partial.ClickAndConversion.ToDouble(), 5);
        }

        [Fact]
        public void The_conversion_tower_learns_on_unclicked_impressions_with_the_hand_derived_gradient()
        {
            float[] a = [0.8f, -0.4f], b = [0.3f, 1.1f];
            using var clickLogits = torch.tensor(a, requires_grad: true);
            using var conversionLogits = torch.tensor(b, requires_grad: true);
            var loss = new EntireSpaceLoss(Click, Conversion);
            bool[] clicked = [true, false], converted = [true, false];
            using (var scope = torch.NewDisposeScope())
            {
                loss.Compute(clickLogits, conversionLogits, TaskTarget.Binary(clicked), TaskTarget.Binary(converted, mask: clicked)).ClickAndConversion.backward();
            }

            // Mean over 2 rows of -log(s(a) s(b)) (row 0, y = 1) and -log(1 - s(a) s(b)) (row 1, unclicked, y = 0).
            var grad = TestTensors.Floats(conversionLogits.grad!);
            Assert.Equal(-Sigmoid(-b[0]) / 2, grad[0], 5);
            var p = Sigmoid(a[1]) * Sigmoid(b[1]);
            Assert.Equal(p * Sigmoid(-b[1]) / (1 - p) / 2, grad[1], 5);
        }

        [Fact]
        public void Loss_and_gradients_stay_finite_at_extreme_logits()
        {
            float[] extremes = [-1000f, -60f, -20f, 0f, 20f, 60f, 1000f];
            var pairs = extremes.SelectMany(x => extremes.Select(y => (x, y))).ToArray();
            var loss = new EntireSpaceLoss(Click, Conversion);
            foreach (var label in new[] { false, true })
            {
                using var clickLogits = torch.tensor(pairs.Select(p => p.x).ToArray(), requires_grad: true);
                using var conversionLogits = torch.tensor(pairs.Select(p => p.y).ToArray(), requires_grad: true);
                var labels = Enumerable.Repeat(label, pairs.Length).ToArray();
                using (var scope = torch.NewDisposeScope())
                {
                    var terms = loss.Compute(clickLogits, conversionLogits, TaskTarget.Binary(labels), TaskTarget.Binary(labels));
                    var total = terms.Total();
                    Assert.True(double.IsFinite(total.ToDouble()), $"loss {total.ToDouble()} with labels {label}");
                    total.backward();
                }

                Assert.All(TestTensors.Floats(clickLogits.grad!), g => Assert.True(float.IsFinite(g)));
                Assert.All(TestTensors.Floats(conversionLogits.grad!), g => Assert.True(float.IsFinite(g)));
            }

            // Where float arithmetic rounds pCTCVR to 1, -log(1 - pCTCVR) = -log(2 e^-60 - e^-120) is still right: 60 - ln 2.
            using var sixty = torch.tensor(new[] { 60f });
            using var zero = torch.zeros(1);
            using var perRow = EntireSpace.ClickAndConversionLoss(sixty, sixty, zero);
            Assert.Equal(60 - Math.Log(2), perRow.ToDouble(), 4);
        }

        [Fact]
        public void Bad_impressions_and_targets_are_named()
        {
            var loss = new EntireSpaceLoss(Click, Conversion);
            var error = Assert.Throws<TaskDataException>(() => loss.CheckImpressions(TaskTarget.Binary([true, false, false]), TaskTarget.Binary([false, false, true])));
            Assert.Equal("Task 'Conversion': row 2 of the data set converted without a click ('Click' is 0 there); ESMM's click-and-conversion label needs every conversion to follow a click.", error.Message);

            // A masked conversion label on an unclicked row is not a conversion.
            loss.CheckImpressions(TaskTarget.Binary([true, false, false]), TaskTarget.Binary([false, false, true], mask: [true, true, false]));
            var data = SyntheticImpressions.Make(rows: 500, seed: 2);
            loss.CheckImpressions(TaskTarget.Binary(data.Clicked), TaskTarget.Binary(data.Converted));
            Assert.Contains("3 rows, but 'Click' has 2", Assert.Throws<TaskDataException>(() => loss.CheckImpressions(TaskTarget.Binary([true, false]), TaskTarget.Binary([false, false, true]))).Message);

            using var two = torch.zeros(2);
            using var three = torch.zeros(3);
            Assert.StartsWith("Task 'Conversion': the output has 2 rows but the target has 3", Assert.Throws<TaskDataException>(
                () => loss.Compute(two, two, TaskTarget.Binary([true, false]), TaskTarget.Binary([false, false, true]))).Message);
            Assert.StartsWith("Task 'Conversion': expected an output of shape [N]", Assert.Throws<TaskDataException>(
                () => loss.Compute(two, torch.zeros(2, 1), TaskTarget.Binary([true, false]), TaskTarget.Binary([false, false]))).Message);
            Assert.Throws<ArgumentException>(() => new EntireSpaceLoss(Click, Click));
        }

        [Fact]
        public void Trained_on_the_entire_space_pCvr_ranks_every_impression_by_its_true_conversion()
        {
            torch.manual_seed(3);
            var data = SyntheticImpressions.Make(rows: 3000, correlation: 0.5, clickRate: 0.3, conversionRate: 0.3, dimension: 8, seed: 7);
            using var features = torch.tensor(data.Features);
            var click = TaskTarget.Binary(data.Clicked);
            var conversion = TaskTarget.Binary(data.Converted, mask: data.ConversionObserved);
            using var trunk = new Trunk(8, [16], Activation.ReLU, dropout: 0, layerNorm: false);
            using var clickHead = new Head(16, [8], 1, Activation.ReLU);
            using var conversionHead = new Head(16, [8], 1, Activation.ReLU);
            var parameters = trunk.parameters().Concat(clickHead.parameters()).Concat(conversionHead.parameters());
            using var optimizer = torch.optim.Adam(parameters, lr: 0.02);
            var loss = new EntireSpaceLoss(Click, Conversion);
            loss.CheckImpressions(click, conversion);
            double first = 0, last = 0;
            for (var step = 0; step < 60; step++)
            {
                using var scope = torch.NewDisposeScope();
                optimizer.zero_grad();
                var shared = trunk.forward(features);
                var total = loss.Compute(clickHead.forward(shared), conversionHead.forward(shared), click, conversion).Total();
                total.backward();
                optimizer.step();
                last = total.ToDouble();
                first = step == 0 ? last : first;
            }

            Assert.True(last < first * 0.9, $"loss {first} -> {last}");
            using var noGrad = torch.no_grad();
            using var representation = trunk.forward(features);
            using var cvr = conversionHead.forward(representation);
            Assert.True(Auc(TestTensors.Floats(cvr), data.WouldConvert) > 0.7, "pCVR does not rank the impressions by their true conversion");
        }

        /// <summary>Mann-Whitney AUC: the share of (positive, negative) pairs ranked the right way, ties counting half.</summary>
        private static double Auc(float[] scores, bool[] labels)
        {
            var positives = scores.Where((_, i) => labels[i]).ToArray();
            var negatives = scores.Where((_, i) => !labels[i]).ToArray();
            var right = positives.Sum(p => negatives.Sum(n => p > n ? 1.0 : p == n ? 0.5 : 0));
            return right / ((double)positives.Length * negatives.Length);
        }
    }
}
