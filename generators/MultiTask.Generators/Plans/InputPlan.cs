using System.Collections.Generic;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Plans
{
    /// <summary>
    /// How a model takes its input: one tensor every task reads (<see cref="SharedInputPlan"/>), one per task
    /// (<see cref="PerTaskInputPlan"/>), or declared input fields whose encoders make that one tensor (<see cref="FieldsInputPlan"/>).
    /// What differs: the forward and predict signatures and bodies, the <c>Inputs</c>/<c>Features</c> and <c>Batch</c>
    /// records, whether a task may be absent from a batch, and the names these take.
    /// </summary>
    internal abstract class InputPlan(ModelInfo model)
    {
        public ModelInfo Model { get; } = model;

        public static InputPlan For(ModelInfo model)
            => !model.Fields.IsEmpty ? new FieldsInputPlan(model) : model.InputPerTask ? new PerTaskInputPlan(model) : new SharedInputPlan(model);

        /// <summary>The type <c>forward</c> and <c>Predict</c> take, as the name checks' messages write it.</summary>
        public abstract string ShortType { get; }

        /// <summary>The type <c>forward</c> and <c>Predict</c> take, fully qualified.</summary>
        public abstract string Type(string self);

        /// <summary>What a batch hands to <c>forward</c>: <c>batch.Input</c> or <c>batch.Inputs</c>.</summary>
        public abstract string OfBatch { get; }

        /// <summary>The batch's input on <c>device</c>.</summary>
        public abstract string OnDevice { get; }

        /// <summary>The suffix of the type of a task's output, target and prediction: <c>?</c> when a task may be absent from a batch.</summary>
        public abstract string Optional { get; }

        /// <summary>The summary of <c>Outputs</c>.</summary>
        public abstract string OutputsSummary { get; }

        /// <summary>The summary of <c>Targets</c>.</summary>
        public abstract string TargetsSummary { get; }

        /// <summary>The summary of <c>Predictions</c>.</summary>
        public abstract string PredictionsSummary { get; }

        /// <summary>What the summary of <c>ComputeLoss</c> says of an absent task (empty when none can be).</summary>
        public abstract string LossOfAbsentTask { get; }

        /// <summary>The runtime base class of the generated <c>Columns</c>.</summary>
        public abstract string ColumnMap { get; }

        /// <summary>The names this plan's members take, beside those of every model.</summary>
        public abstract IEnumerable<GeneratedMember> Members { get; }

        /// <summary>Components the plan adds before the shared component and the heads (the fields' encoders).</summary>
        public virtual IReadOnlyList<Emitter.Component> Components => [];

        /// <summary>The plan's modules every task shares, comma-separated; empty for none.</summary>
        public virtual string SharedModules => string.Empty;

        /// <summary>The local that <c>forward</c> and <c>Represent</c> hand to the layers (see <see cref="WriteEncoding"/>).</summary>
        public virtual string Encoded => "input";

        /// <summary>What <c>Step</c> hands to a <c>ComputeLoss</c> that reads the input.</summary>
        public virtual string LossInput => "batch.Input";

        /// <summary>The arguments of the <c>Columns</c> constructor's base call.</summary>
        public virtual string ColumnsBaseArguments(Emitter.Shape shape) => $"{Literals.String(shape.DisplayName)}, {Literals.Number(Model.InputSize)}";

        /// <summary>A head's loss from <c>outputs</c> and <c>targets</c>.</summary>
        public abstract string Loss(string task, string property);

        /// <summary>Static fields after the task list.</summary>
        public virtual void WriteStaticFields(IndentedWriter writer)
        {
        }

        /// <summary>The constructor's first lines, before the shared component.</summary>
        public virtual void WriteConstruction(IndentedWriter writer)
        {
        }

        /// <summary>The first lines of <c>forward</c> and <c>Represent</c> over <c>input</c>: its check, and whatever makes <see cref="Encoded"/>.</summary>
        public virtual void WriteEncoding(IndentedWriter writer, Emitter.Shape shape) => writer.Line(Emitter.InputCheck(shape, "input"));

        /// <summary>Members of <c>Columns</c> before the tasks'.</summary>
        public virtual void WriteColumnMembers(IndentedWriter writer)
        {
        }

        /// <summary>The records before <c>Outputs</c> (the per-task <c>Inputs</c>).</summary>
        public virtual void WriteInputs(IndentedWriter writer, string self, IReadOnlyList<HeadInfo> heads)
        {
        }

        /// <summary>Members of <c>Targets</c> before <c>To</c>.</summary>
        public virtual void WriteTargetsMembers(IndentedWriter writer, string self, IReadOnlyList<HeadInfo> heads)
        {
        }

        /// <summary>The <c>Batch</c> record.</summary>
        public abstract void WriteBatch(IndentedWriter writer, Emitter.Shape shape);

        /// <summary>The members of <c>Columns</c> that make batches of what a data file holds.</summary>
        public abstract void WriteColumnBatches(IndentedWriter writer, Emitter.Shape shape);

        /// <summary><c>forward</c> and the private methods it is made of.</summary>
        public abstract void WriteForward(IndentedWriter writer, Emitter.Shape shape);

        /// <summary><c>Predict</c>.</summary>
        public abstract void WritePredict(IndentedWriter writer, Emitter.Shape shape);
    }
}
