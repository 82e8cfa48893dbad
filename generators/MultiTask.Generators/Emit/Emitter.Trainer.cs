using System.Collections.Generic;
using System.Linq;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Emit
{
    /// <summary>The per-component training options and the trainer.</summary>
    internal static partial class Emitter
    {
        private static void WriteTrainingOptions(IndentedWriter writer, Shape shape)
        {
            writer.Line("/// <summary>Training settings, and each component's own learning rate and weight decay (unset: the trainer's).</summary>");
            writer.Line($"public sealed class TrainingOptions : {Runtime}TrainingOptions<{shape.Self}.Metrics>");
            writer.Open();
            if (shape.Model.LearningRate is { } learningRate)
            {
                writer.Line($"/// <summary>Starts from the model's learning rate, <c>{Literals.Number(learningRate)}</c> (<c>[MultiTaskModel(LearningRate = ...)]</c>); an initializer may set another.</summary>");
                writer.Line($"public TrainingOptions() => LearningRate = {Literals.Number(learningRate)};");
            }
            else
            {
                writer.Line("/// <summary>The trainer's default settings, and each component's declared ones.</summary>");
                writer.Line("public TrainingOptions()");
                writer.Open();
                writer.Close();
            }

            string settings = $"{Runtime}TrainingOptions<{shape.Self}.Metrics>";
            writer.Line();
            writer.Line("/// <summary>A copy of <paramref name=\"settings\"/>, with each component's declared settings.</summary>");
            writer.Line($"private TrainingOptions({settings} settings)");
            writer.Line("    : base(settings)");
            writer.Open();
            writer.Close();
            writer.Line();
            writer.Line("/// <summary><paramref name=\"settings\"/> when they are this model's options; else a copy of them with each component's declared settings.</summary>");
            writer.Line($"public static {shape.Self}.TrainingOptions From({settings} settings) => settings as {shape.Self}.TrainingOptions ?? new(settings);");

            foreach (Component component in shape.Components)
            {
                writer.Line();
                writer.Line($"/// <summary>Optimizer settings of <c>{component.Name}</c>.</summary>");
                writer.Line($"public {Runtime}ComponentOptions {Literals.Identifier(component.Name)} {{ get; init; }} = {ComponentOptions(component.LearningRate, component.WeightDecay)};");
            }

            writer.Close();
            writer.Line();
        }

        private static void WriteTrainer(IndentedWriter writer, Shape shape)
        {
            string self = shape.Self;
            writer.Line($"/// <summary>Trains and evaluates the model with per-component optimizer settings; created by <c>{shape.DisplayName}.CreateTrainer</c>.</summary>");
            writer.Line($"public sealed class Trainer : {Runtime}MultiTaskTrainer<{self}, {self}.Batch, {self}.Metrics>");
            writer.Open();
            writer.Line($"internal Trainer({self} model, {self}.TrainingOptions options)");
            writer.Line($"    : base(model, options, [{string.Join(", ", shape.Components.Select(c => $"new({Literals.String(c.Name)}, model.{c.Field}, options.{Literals.Identifier(c.Name)})"))}])");
            writer.Open();
            writer.Close();
            writer.Line();
            shape.Plan.WriteTrainerMembers(writer);
            writer.Line("/// <inheritdoc />");
            writer.Line($"protected override {self}.Metrics ToMetrics({Runtime}EvaluationResult result)");
            writer.Line($"    => new(result.Loss, {Join(shape.Heads, h => $"{TaskField(h)}.MetricsIn(result)")});");
            writer.Close();
        }

        private static string ComponentOptions(double? learningRate, double? weightDecay)
        {
            var settings = new List<string>();
            if (learningRate is { } lr)
            {
                settings.Add($"LearningRate = {Literals.Number(lr)}");
            }

            if (weightDecay is { } wd)
            {
                settings.Add($"WeightDecay = {Literals.Number(wd)}");
            }

            return settings.Count == 0 ? "new()" : $"new() {{ {string.Join(", ", settings)} }}";
        }
    }
}
