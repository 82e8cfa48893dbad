using System.Collections.Generic;
using System.Linq;
using MultiTask.Generators.Model;
using MultiTask.Generators.Plans;

namespace MultiTask.Generators.Emit
{
    internal static partial class Emitter
    {
        /// <summary>What every part of the emitter derives from the model: names, components and its sharing plan.</summary>
        internal sealed class Shape
        {
            public Shape(ModelInfo model)
            {
                Model = model;
                Self = model.Hierarchy.FullyQualifiedName;
                DisplayName = model.Hierarchy.Name.TrimStart('@');
                Network = $"{Runtime}IMultiTaskNetwork<{Self}.Batch>";
                ModelInterface = $"{Runtime}IMultiTaskModel<{Self}.Batch, {Self}.Metrics>";
                Plan = SharingPlan.For(model);
                Input = InputPlan.For(model);
                Esmm = EsmmPlan.For(model);
                var components = new List<Component>(Input.Components);
                if (Plan.Shared is { } shared)
                {
                    TrunkInfo trunk = shared.Trunk;
                    components.Add(new Component(trunk.Name, shared.Field, shared.ComponentType, trunk.Accessibility, null, trunk.WeightDecay));
                }

                components.AddRange(model.Heads.Select(h => new Component(h.Name, Field(h.Name), h.Module?.TypeName ?? Runtime + "Head", h.Accessibility, h.LearningRate, h.WeightDecay)));
                Components = components;
            }

            public ModelInfo Model { get; }

            /// <summary>The model's fully qualified name.</summary>
            public string Self { get; }

            /// <summary>The model's name without <c>@</c>, for messages.</summary>
            public string DisplayName { get; }

            /// <summary>The <c>IMultiTaskNetwork&lt;Batch&gt;</c> interface, which declares the members the trainer uses.</summary>
            public string Network { get; }

            /// <summary>The <c>IMultiTaskModel&lt;Batch, Metrics&gt;</c> interface the model implements (it extends <see cref="Network"/>).</summary>
            public string ModelInterface { get; }

            /// <summary>What the model's kind of sharing adds to the generated code.</summary>
            public SharingPlan Plan { get; }

            /// <summary>How the model takes its input: one tensor, or one per task.</summary>
            public InputPlan Input { get; }

            /// <summary>What <c>[Esmm]</c> adds; null without it.</summary>
            public EsmmPlan? Esmm { get; }

            /// <summary>The input fields' encoders (if any), the shared component (if any), then the heads: one field, property and optimizer group each.</summary>
            public IReadOnlyList<Component> Components { get; }

            public IReadOnlyList<HeadInfo> Heads => Model.Heads;
        }

        /// <summary>A field of the model, its property and its optimizer settings.</summary>
        internal sealed record Component(string Name, string Field, string Type, string Accessibility, double? LearningRate, double? WeightDecay);

        /// <summary>The field holding a component (<see cref="Literals.FieldName"/>), which is also its state-dict prefix.</summary>
        internal static string Field(string name) => Literals.Identifier(Literals.FieldName(name));

        /// <summary>The accessibility keywords followed by a space, or nothing when the user wrote none.</summary>
        private static string Modifiers(string accessibility) => accessibility.Length == 0 ? string.Empty : accessibility + " ";

        /// <summary>A field, qualified with <c>this.</c> when a parameter or local of the method has its name.</summary>
        internal static string Member(string field, params string[] locals) => locals.Contains(field) ? "this." + field : field;

        internal static string TaskField(HeadInfo head) => head.Name + "Task";

        private static string LossLocal(HeadInfo head) => Literals.FieldName(head.Name) + "Loss";

        internal static string Property(HeadInfo head) => Literals.Identifier(head.Name);

        internal static string Join(IEnumerable<HeadInfo> heads, System.Func<HeadInfo, string> selector)
            => string.Join(", ", heads.Select(selector));

        /// <summary>A loss weight as it reads in documentation: <c>0.5 * IsEven</c>.</summary>
        private static string Weighted(double weight, string term) => weight == 1 ? term : $"{Literals.Number(weight)} * {term}";

        /// <summary>A task's loss in the total: weighted by the task (which holds its weight's Scalar) unless the weight is 1.</summary>
        private static string WeightedLoss(HeadInfo head) => head.Weight == 1 ? LossLocal(head) : $"{TaskField(head)}.Weighted({LossLocal(head)})";

        internal static string IntList(IEnumerable<int> values) => "[" + string.Join(", ", values.Select(Literals.Number)) + "]";

        private static string TaskClass(TaskInfo task) => task switch
        {
            ClassificationTaskInfo => "ClassificationTask",
            BinaryTaskInfo => "BinaryTask",
            _ => "RegressionTask",
        };

        private static string MetricsClass(TaskInfo task) => task switch
        {
            ClassificationTaskInfo => "ClassificationMetrics",
            BinaryTaskInfo => "BinaryMetrics",
            _ => "RegressionMetrics",
        };

        private static string PredictionClass(TaskInfo task) => task switch
        {
            ClassificationTaskInfo => "ClassificationPrediction",
            BinaryTaskInfo => "BinaryPrediction",
            _ => "RegressionPrediction",
        };

        /// <summary>The task's constructor arguments; its loss weight only when it is not 1.</summary>
        private static string TaskArguments(HeadInfo head)
        {
            string name = Literals.String(head.Name);
            string arguments = head.Task switch
            {
                ClassificationTaskInfo c => $"{name}, classes: {Literals.Number(c.Classes)}, labelSmoothing: {Literals.Number(c.LabelSmoothing)}, topK: {Literals.Number(c.TopK)}{ClassWeightsArgument(c)}",
                BinaryTaskInfo b => $"{name}, positiveWeight: {(b.PositiveWeight is { } w ? Literals.Number(w) : "null")}, threshold: {Literals.Number(b.Threshold)}",
                RegressionTaskInfo r => $"{name}, outputs: {Literals.Number(r.Values)}, loss: {Runtime}RegressionLoss.{r.Loss}, huberDelta: {Literals.Number(r.HuberDelta)}",
                _ => name,
            };
            return head.Weight == 1 ? arguments : $"{arguments}, weight: {Literals.Number(head.Weight)}";
        }

        private static string ClassWeightsArgument(ClassificationTaskInfo task)
            => task.ClassWeights.IsEmpty ? string.Empty : $", classWeights: [{string.Join(", ", task.ClassWeights.Select(w => Literals.Number(w)))}]";

        private static string TargetShape(TaskInfo task) => task switch
        {
            ClassificationTaskInfo c => $"class indices in [0, {Literals.Number(c.Classes)}), int64 [N]",
            BinaryTaskInfo => "labels 0 or 1, float32 [N]",
            RegressionTaskInfo { Values: 1 } => "values, float32 [N]",
            RegressionTaskInfo r => $"values, float32 [N, {Literals.Number(r.Values)}]",
            _ => "[N]",
        };

        private static string OutputShape(TaskInfo task) => task switch
        {
            ClassificationTaskInfo c => $"[N, {Literals.Number(c.Classes)}] logits",
            BinaryTaskInfo => "[N] logits",
            RegressionTaskInfo { Values: 1 } => "[N] values",
            RegressionTaskInfo r => $"[N, {Literals.Number(r.Values)}] values",
            _ => "[N]",
        };
    }
}
