
namespace MultiTask.Tests.Contract
{
    using MultiTask;

    // The user's declaration from docs/architecture.md; the generated half below is copied verbatim from the contract
    // (namespace changed) so that this project fails to compile whenever the runtime API drifts from it.
    [MultiTaskModel(InputSize = 64)]
    public partial class DigitModel
    {
        [SharedTrunk(128, 64, Dropout = 0.1)]
        public partial Trunk Body { get; }

        [ClassificationHead(Classes = 10)]
        public partial Head Digit { get; }

        [BinaryHead(Hidden = new[] { 16 }, Weight = 0.5, LearningRate = 3e-4)]
        public partial Head IsEven { get; }
    }
}


namespace MultiTask.Tests.Contract
{
    [global::System.CodeDom.Compiler.GeneratedCode("MultiTask.Generators", "1.0.0")]
    partial class DigitModel : global::TorchSharp.torch.nn.Module<global::TorchSharp.torch.Tensor, global::MultiTask.Tests.Contract.DigitModel.Outputs>,
        global::MultiTask.IMultiTaskModel<global::MultiTask.Tests.Contract.DigitModel.Batch, global::MultiTask.Tests.Contract.DigitModel.Metrics>
    {
        private static readonly global::MultiTask.ClassificationTask DigitTask = new("Digit", classes: 10, labelSmoothing: 0, topK: 5);
        private static readonly global::MultiTask.BinaryTask IsEvenTask = new("IsEven", positiveWeight: null, threshold: 0.5, weight: 0.5);
        private static readonly global::MultiTask.TaskDefinition[] AllTasks = [DigitTask, IsEvenTask];

        private readonly global::MultiTask.Trunk body;
        private readonly global::MultiTask.Head digit;
        private readonly global::MultiTask.Head isEven;
        private readonly global::MultiTask.StaticWeighting lossWeighting;

        public DigitModel() : base(nameof(DigitModel))
        {
            body = new global::MultiTask.Trunk(inputSize: 64, hidden: [128, 64], global::MultiTask.Activation.ReLU, dropout: 0.1, layerNorm: false);
            digit = new global::MultiTask.Head(inputSize: 64, hidden: [], outputs: 10, global::MultiTask.Activation.ReLU);
            isEven = new global::MultiTask.Head(inputSize: 64, hidden: [16], outputs: 1, global::MultiTask.Activation.ReLU);
            lossWeighting = new global::MultiTask.StaticWeighting(AllTasks);
            RegisterComponents();
        }

        public partial global::MultiTask.Trunk Body => body;
        public partial global::MultiTask.Head Digit => digit;
        public partial global::MultiTask.Head IsEven => isEven;

        global::System.Collections.Generic.IReadOnlyList<global::MultiTask.TaskDefinition> global::MultiTask.IMultiTaskNetwork<global::MultiTask.Tests.Contract.DigitModel.Batch>.Tasks => AllTasks;
        global::MultiTask.LossWeighting global::MultiTask.IMultiTaskNetwork<global::MultiTask.Tests.Contract.DigitModel.Batch>.Weighting => lossWeighting;
        global::MultiTask.ModelParts global::MultiTask.IMultiTaskNetwork<global::MultiTask.Tests.Contract.DigitModel.Batch>.Parts => new([body], [digit, isEven]);
        global::MultiTask.Tests.Contract.DigitModel.Batch global::MultiTask.IMultiTaskNetwork<global::MultiTask.Tests.Contract.DigitModel.Batch>.ToDevice(global::MultiTask.Tests.Contract.DigitModel.Batch batch, global::TorchSharp.torch.Device device) => new(batch.Input.to(device), batch.Targets.To(device));
        global::MultiTask.IMultiTaskTrainer<global::MultiTask.Tests.Contract.DigitModel.Batch, global::MultiTask.Tests.Contract.DigitModel.Metrics> global::MultiTask.IMultiTaskModel<global::MultiTask.Tests.Contract.DigitModel.Batch, global::MultiTask.Tests.Contract.DigitModel.Metrics>.CreateTrainer(global::MultiTask.TrainingOptions<global::MultiTask.Tests.Contract.DigitModel.Metrics> options) => CreateTrainer(global::MultiTask.Tests.Contract.DigitModel.TrainingOptions.From(options));

        public override global::MultiTask.Tests.Contract.DigitModel.Outputs forward(global::TorchSharp.torch.Tensor input)
        {
            using var representation = Represent(input);
            return ReadHeads(representation);
        }

        private global::MultiTask.SharedRepresentation Represent(global::TorchSharp.torch.Tensor input)
        {
            global::MultiTask.ModelInput.Check(input, 64, "DigitModel");
            return global::MultiTask.SharedRepresentation.Shared(body.forward(input));
        }

        private global::MultiTask.Tests.Contract.DigitModel.Outputs ReadHeads(global::MultiTask.SharedRepresentation representation) => new(digit.forward(representation[0]!), isEven.forward(representation[1]!));

        public global::MultiTask.Tests.Contract.DigitModel.Losses ComputeLoss(global::MultiTask.Tests.Contract.DigitModel.Outputs outputs, global::MultiTask.Tests.Contract.DigitModel.Targets targets)
        {
            var digitLoss = DigitTask.Loss(outputs.Digit, targets.Digit);
            var isEvenLoss = IsEvenTask.Loss(outputs.IsEven, targets.IsEven);
            return new global::MultiTask.Tests.Contract.DigitModel.Losses(global::MultiTask.LossSum.Of(digitLoss, IsEvenTask.Weighted(isEvenLoss)), digitLoss, isEvenLoss);
        }

        global::MultiTask.TaskStep global::MultiTask.IMultiTaskNetwork<global::MultiTask.Tests.Contract.DigitModel.Batch>.Step(global::MultiTask.Tests.Contract.DigitModel.Batch batch)
        {
            var representation = Represent(batch.Input);
            var outputs = ReadHeads(representation);
            var losses = ComputeLoss(outputs, batch.Targets);
            return new global::MultiTask.TaskStep(losses.Total, [losses.Digit, losses.IsEven], [outputs.Digit, outputs.IsEven], [batch.Targets.Digit, batch.Targets.IsEven]) { Representation = representation };
        }

        public global::MultiTask.Tests.Contract.DigitModel.Predictions Predict(global::TorchSharp.torch.Tensor input)
        {
            using var inference = global::MultiTask.Inference.Enter(this);
            using var representation = Represent(input);
            return new global::MultiTask.Tests.Contract.DigitModel.Predictions(DigitTask.Predict(digit.forward(representation[0]!)), IsEvenTask.Predict(isEven.forward(representation[1]!)));
        }

        public global::MultiTask.ModelSummary Summary() => new("DigitModel", [("Body", body), ("Digit", digit), ("IsEven", isEven)]);

        public global::MultiTask.Tests.Contract.DigitModel.Trainer CreateTrainer(global::MultiTask.Tests.Contract.DigitModel.TrainingOptions? options = null) => new(this, options ?? new());

        public sealed record Outputs(global::TorchSharp.torch.Tensor Digit, global::TorchSharp.torch.Tensor IsEven);

        public sealed record Targets(global::MultiTask.TaskTarget Digit, global::MultiTask.TaskTarget IsEven)
        {
            public global::MultiTask.Tests.Contract.DigitModel.Targets Select(global::TorchSharp.torch.Tensor rows) => new(Digit.Select(rows), IsEven.Select(rows));
            public global::MultiTask.Tests.Contract.DigitModel.Targets CheckDataSet(long rows) => new(DigitTask.CheckDataSet(Digit, rows), IsEvenTask.CheckDataSet(IsEven, rows));

            public global::MultiTask.Tests.Contract.DigitModel.Targets To(global::TorchSharp.torch.Device device) => new(Digit.To(device), IsEven.To(device));
        }

        public sealed record Batch(global::TorchSharp.torch.Tensor Input, global::MultiTask.Tests.Contract.DigitModel.Targets Targets)
        {
            public static global::System.Collections.Generic.IEnumerable<global::MultiTask.Tests.Contract.DigitModel.Batch> From(global::TorchSharp.torch.Tensor input, global::MultiTask.Tests.Contract.DigitModel.Targets targets, int batchSize, bool shuffle = false, int seed = 0)
            {
                var checkedInput = global::MultiTask.ModelInput.Checked(input, 64, "DigitModel");
                var checkedTargets = targets.CheckDataSet(checkedInput.size(0));
                return new global::MultiTask.InMemoryBatches<global::MultiTask.Tests.Contract.DigitModel.Batch>(checkedInput.size(0), batchSize, shuffle, seed, rows => new(checkedInput.index_select(0, rows), checkedTargets.Select(rows)), checkedInput.device);
            }
        }

        public sealed record Losses(global::TorchSharp.torch.Tensor Total, global::TorchSharp.torch.Tensor Digit, global::TorchSharp.torch.Tensor IsEven);

        public sealed record Metrics(double Loss, global::MultiTask.ClassificationMetrics Digit, global::MultiTask.BinaryMetrics IsEven);

        public sealed record Predictions(global::MultiTask.ClassificationPrediction Digit, global::MultiTask.BinaryPrediction IsEven);

        public sealed class TrainingOptions : global::MultiTask.TrainingOptions<global::MultiTask.Tests.Contract.DigitModel.Metrics>
        {
            public TrainingOptions()
            {
            }

            private TrainingOptions(global::MultiTask.TrainingOptions<global::MultiTask.Tests.Contract.DigitModel.Metrics> settings)
                : base(settings)
            {
            }

            public static global::MultiTask.Tests.Contract.DigitModel.TrainingOptions From(global::MultiTask.TrainingOptions<global::MultiTask.Tests.Contract.DigitModel.Metrics> settings) => settings as global::MultiTask.Tests.Contract.DigitModel.TrainingOptions ?? new(settings);

            public global::MultiTask.ComponentOptions Body { get; init; } = new();

            public global::MultiTask.ComponentOptions Digit { get; init; } = new();

            public global::MultiTask.ComponentOptions IsEven { get; init; } = new() { LearningRate = 0.0003 };
        }

        public sealed class Trainer : global::MultiTask.MultiTaskTrainer<global::MultiTask.Tests.Contract.DigitModel, global::MultiTask.Tests.Contract.DigitModel.Batch, global::MultiTask.Tests.Contract.DigitModel.Metrics>
        {
            internal Trainer(global::MultiTask.Tests.Contract.DigitModel model, global::MultiTask.Tests.Contract.DigitModel.TrainingOptions options)
                : base(model, options, [new("Body", model.body, options.Body), new("Digit", model.digit, options.Digit), new("IsEven", model.isEven, options.IsEven)])
            {
            }

            protected override global::MultiTask.Tests.Contract.DigitModel.Metrics ToMetrics(global::MultiTask.EvaluationResult result)
                => new(result.Loss, DigitTask.MetricsIn(result), IsEvenTask.MetricsIn(result));
        }
    }
}
