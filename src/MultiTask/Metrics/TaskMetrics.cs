using System.Collections.Generic;

namespace MultiTask
{
    /// <summary>
    /// Metrics of one task over the rows whose label is present, unweighted by the targets' row weights. When no row of the
    /// pass has the task's label (<see cref="Count"/> 0), the loss and every metric are NaN: absent, never 0.
    /// </summary>
    /// <param name="Task">Task name.</param>
    /// <param name="Loss">
    /// Mean task loss over present rows, weighted by the rows' loss weights (sample and class weights) as in one batch; NaN when none is present.
    /// </param>
    /// <param name="Count">Number of present rows.</param>
    public abstract record TaskMetrics(string Task, double Loss, long Count)
    {
        /// <summary>
        /// Every metric by name, <c>Loss</c> first (the names of the record's members; <see cref="Count"/> is not a metric):
        /// what the history's CSV and JSON, TensorBoard and the plots show.
        /// </summary>
        public abstract IReadOnlyList<KeyValuePair<string, double>> Scalars();

        /// <summary>A named value for <see cref="Scalars"/>.</summary>
        protected static KeyValuePair<string, double> Named(string name, double value) => new(name, value);
    }

    /// <summary>Classification metrics.</summary>
    /// <param name="Task">Task name.</param>
    /// <param name="Loss">Mean task loss over present rows.</param>
    /// <param name="Count">Number of present rows.</param>
    /// <param name="Accuracy">Fraction of rows whose argmax class is the label.</param>
    /// <param name="MacroF1">Unweighted mean of per-class F1 over the classes that occur in the labels or the predictions.</param>
    /// <param name="TopKAccuracy">Fraction of rows whose label is among the <paramref name="K"/> highest scores.</param>
    /// <param name="K">k of <paramref name="TopKAccuracy"/>.</param>
    public sealed record ClassificationMetrics(string Task, double Loss, long Count, double Accuracy, double MacroF1, double TopKAccuracy, int K)
        : TaskMetrics(Task, Loss, Count)
    {
        /// <inheritdoc />
        public override IReadOnlyList<KeyValuePair<string, double>> Scalars()
            => [Named(nameof(Loss), Loss), Named(nameof(Accuracy), Accuracy), Named(nameof(MacroF1), MacroF1), Named($"Top{K}Accuracy", TopKAccuracy)];
    }

    /// <summary>Binary classification metrics (labels at or above 0.5 count as positive).</summary>
    /// <param name="Task">Task name.</param>
    /// <param name="Loss">Mean task loss over present rows.</param>
    /// <param name="Count">Number of present rows.</param>
    /// <param name="Accuracy">Fraction of rows predicted correctly at the task's threshold.</param>
    /// <param name="Auc">Area under the ROC curve (rank based, ties averaged); NaN when only one class is present.</param>
    /// <param name="Precision">True positives over predicted positives; 0 when nothing is predicted positive (NaN when no row is present).</param>
    /// <param name="Recall">True positives over actual positives; 0 when there is no positive (NaN when no row is present).</param>
    public sealed record BinaryMetrics(string Task, double Loss, long Count, double Accuracy, double Auc, double Precision, double Recall)
        : TaskMetrics(Task, Loss, Count)
    {
        /// <inheritdoc />
        public override IReadOnlyList<KeyValuePair<string, double>> Scalars()
            => [Named(nameof(Loss), Loss), Named(nameof(Accuracy), Accuracy), Named(nameof(Auc), Auc), Named(nameof(Precision), Precision), Named(nameof(Recall), Recall)];
    }

    /// <summary>Regression metrics over all outputs.</summary>
    /// <param name="Task">Task name.</param>
    /// <param name="Loss">Mean task loss over present rows.</param>
    /// <param name="Count">Number of present rows.</param>
    /// <param name="Rmse">Root mean squared error over all present values.</param>
    /// <param name="Mae">Mean absolute error over all present values.</param>
    /// <param name="R2">Coefficient of determination, averaged uniformly over outputs.</param>
    public sealed record RegressionMetrics(string Task, double Loss, long Count, double Rmse, double Mae, double R2)
        : TaskMetrics(Task, Loss, Count)
    {
        /// <inheritdoc />
        public override IReadOnlyList<KeyValuePair<string, double>> Scalars()
            => [Named(nameof(Loss), Loss), Named(nameof(Rmse), Rmse), Named(nameof(Mae), Mae), Named(nameof(R2), R2)];
    }
}
